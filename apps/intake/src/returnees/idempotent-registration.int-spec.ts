import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '@reintegra/event-contracts';
import { newPerson, stateOf, useCaseFlowSuite } from '../testing/case-flow-fixtures';

/**
 * Idempotency keys on the creating routes: what the office app's offline queue relies on when it
 * replays registrations and consents (a reload mid-sync, an answer lost on the way back).
 */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees]);
const db = () => intake.app.get(DataSource);

const register = (key: string, body: unknown, token = intake.tokens.officer) =>
  intake.call('POST', '/returnees', token, body, { 'idempotency-key': key });

async function peopleNamed(firstNames: string): Promise<number> {
  const [row] = await db().query(
    'SELECT count(*)::int AS n FROM returnees WHERE first_names = $1',
    [firstNames],
  );
  return row.n as number;
}

describe('Idempotency-Key on POST /returnees', () => {
  it('replays the first answer for the same key: one person, one case, one event', async () => {
    const person = newPerson();
    const key = randomUUID();
    const first = await register(key, person);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const { returneeId, caseId } = first.body as { returneeId: string; caseId: string };
    const ids = { returneeIds: [returneeId], caseIds: [caseId] };
    const before = await stateOf(intake.app, ids);

    for (let i = 0; i < 3; i++) {
      const again = await register(key, person);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
    }
    expect(await peopleNamed(person.firstNames)).toBe(1);
    expect(await stateOf(intake.app, ids)).toEqual(before);
    expect(before.outbox).toHaveLength(1);
    expect(before.episodes.map((episode: { id: string }) => episode.id)).toEqual([caseId]);
  });

  it('lets exactly one of five simultaneous sends with one key through', async () => {
    const person = newPerson();
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 5 }, () => register(key, person)));
    const statuses = replies.map((reply) => reply.status).sort();
    // The first runs; the others wait (409 + Retry-After) or, once it finished, get its answer.
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(reply.body).toMatchObject({ code: 'idempotency.in-progress' });
      expect(reply.headers.get('retry-after')).toBe('1');
    }
    const created = new Set(
      replies.filter((r) => r.status === 201).map((r) => r.body['returneeId'] as string),
    );
    expect(created.size).toBe(1);
    expect(await peopleNamed(person.firstNames)).toBe(1);
  });

  it('refuses the same key with another body (422) and a malformed key (400), writing nothing', async () => {
    const key = randomUUID();
    const person = newPerson();
    expect((await register(key, person)).status).toBe(201);
    const other = newPerson();
    const reused = await register(key, other);
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body).toMatchObject({ code: 'idempotency.key-reused' });
    expect(await peopleNamed(other.firstNames)).toBe(0);

    for (const bad of ['', 'x'.repeat(201), 'clave con espacios']) {
      const refused = await register(bad, newPerson());
      expect(refused.status).toBe(400);
      expect(refused.body['errors']).toEqual([
        { field: 'Idempotency-Key', message: expect.stringContaining('clave de idempotencia') },
      ]);
    }
  });

  it('keeps keys per caller, answers a refusal again by running again, and works without a key', async () => {
    const key = randomUUID();
    const person = newPerson();
    expect((await register(key, person)).status).toBe(201);
    // Another officer's same key is another request: here a duplicate DUI, refused each time.
    const elsewhere = await register(key, person, intake.tokens.national);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ code: 'returnee.duplicate-dui' });
    const [kept] = await db().query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    expect(kept.n).toBe(1); // the refusal released its claim
    expect((await register(key, person, intake.tokens.national)).status).toBe(409);

    const plain = await intake.call('POST', '/returnees', intake.tokens.officer, newPerson());
    expect(plain.status).toBe(201);
    expect(plain.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('Idempotency-Key on consents', () => {
  it('records one consent however often the same grant is replayed', async () => {
    const registered = await register(randomUUID(), newPerson());
    const caseId = registered.body['caseId'] as string;
    const key = randomUUID();
    const grant = {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'CONS-2026-01',
    };
    const replies = [];
    for (let i = 0; i < 3; i++) {
      replies.push(
        await intake.call('POST', `/cases/${caseId}/consents`, intake.tokens.officer, grant, {
          'idempotency-key': key,
        }),
      );
    }
    expect(replies.map((reply) => reply.status)).toEqual([201, 201, 201]);
    expect(replies[2]?.body).toEqual(replies[0]?.body);
    const [row] = await db().query(`SELECT count(*)::int AS n FROM consents WHERE case_id = $1`, [
      caseId,
    ]);
    expect(row.n).toBe(1);
    // Without the key the same grant is a second request, refused as such.
    const plain = await intake.call(
      'POST',
      `/cases/${caseId}/consents`,
      intake.tokens.officer,
      grant,
    );
    expect(plain.status).toBe(409);
  });
});
