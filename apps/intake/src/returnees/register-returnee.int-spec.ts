import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { parseEvent, returneeRegisteredV1, TOPICS } from '@reintegra/event-contracts';
import { freshDui, startIntakeForTest } from '../testing/intake-test-bed';
import { currentTestStack, eventually, testToken, TopicRecorder } from '@reintegra/testing';

/** Intake in-process against the real PostgreSQL, Kafka and Temporal. */
const stack = currentTestStack();
let app: INestApplication;
let url: string;
let recorder: TopicRecorder;
let officer: string;

const body = (dui: string) =>
  JSON.stringify({
    dui,
    firstNames: 'Rosa Elena',
    lastNames: 'Campos',
    dateOfBirth: '1992-08-09',
    gender: 'female',
    returnDate: '2026-11-19',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  });

const post = (payload: string, authorization = officer) =>
  fetch(`${url}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: payload,
  });

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' });
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.intakeReturnees]);
  await recorder.start();
  ({ app, url } = await startIntakeForTest());
});

afterAll(async () => {
  await recorder?.stop();
  await app?.close();
});

describe('registering a returnee', () => {
  it('publishes one returnee.registered event per case, keyed by case id, as a valid CloudEvent', async () => {
    const response = await post(body(freshDui()));
    expect(response.status).toBe(201);
    const { caseId, returneeId } = (await response.json()) as {
      caseId: string;
      returneeId: string;
    };

    const message = await eventually(() => {
      const found = recorder.messages.find((m) => m.key === caseId);
      if (!found) throw new Error(`no event for case ${caseId} yet`);
      return found;
    });
    expect(message.headers['content-type']).toContain('application/cloudevents+json');
    const parsed = parseEvent(message.value);
    expect(parsed).toMatchObject({
      ok: true,
      event: { type: returneeRegisteredV1.type, subject: caseId, data: { caseId, returneeId } },
    });
    // Ids and routing facts only: no names or DUI on the bus.
    expect(message.value).not.toContain('Rosa Elena');
    expect(message.value).not.toContain('Campos');
  });

  it('lets exactly one of three simultaneous registrations of a DUI through; the others get 409', async () => {
    const dui = freshDui();
    const responses = await Promise.all([post(body(dui)), post(body(dui)), post(body(dui))]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const rows = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM returnees WHERE dui = $1', [dui]);
    expect(rows[0].n).toBe(1);
  });

  it('never leaves an outbox row unpublished for long', async () => {
    await eventually(async () => {
      const rows = await app
        .get(DataSource)
        .query('SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL');
      expect(rows[0].n).toBe(0);
    });
  });

  it('answers 404 problem+json for the path of an unknown returnee', async () => {
    const response = await fetch(`${url}/returnees/${randomUUID()}/path`, {
      headers: { authorization: officer },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'returnee.not-found' });
  });

  it('answers 401 without a valid token and 403 to a role or municipality without access', async () => {
    const tried: string[] = [];
    const attempt = () => {
      const dui = freshDui();
      tried.push(dui);
      return body(dui);
    };
    const anonymous = await fetch(`${url}/returnees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: attempt(),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await post(attempt(), 'Bearer not-a-token')).status).toBe(401);

    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    });
    const wrongRole = await post(attempt(), caseworker);
    expect(wrongRole.status).toBe(403);
    expect(await wrongRole.json()).toMatchObject({ code: 'auth.role-not-allowed' });

    const elsewhere = await testToken({
      roles: ['intake-officer'],
      municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
    });
    const otherMunicipality = await post(attempt(), elsewhere);
    expect(otherMunicipality.status).toBe(403);
    expect(await otherMunicipality.json()).toMatchObject({ code: 'auth.outside-municipality' });

    const written = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM returnees WHERE dui = ANY($1)', [tried]);
    expect(written[0].n).toBe(0);
  });

  it('serves /health without a token', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
  });

  it('offers a person with a similar name and birth date as a possible duplicate, never merging', async () => {
    const suffix = randomUUID().slice(0, 6);
    const first = {
      firstNames: `José Ángel ${suffix}`,
      lastNames: 'Martínez Cruz',
      dateOfBirth: '1985-09-02',
      gender: 'male',
      returnDate: '2026-11-10',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    };
    // Earlier runs left the same people behind: remove them so the first registration is new.
    await app.get(DataSource).query(
      `WITH gone AS (SELECT id FROM returnees WHERE first_names ~ '^Jos[eé] [AÁ]ngel ' AND date_of_birth = '1985-09-02')
       , episodes AS (DELETE FROM return_episodes WHERE returnee_id IN (SELECT id FROM gone))
       DELETE FROM returnees WHERE id IN (SELECT id FROM gone)`,
    );
    const created = await post(JSON.stringify(first));
    expect(created.status).toBe(201);
    const { returneeId } = (await created.json()) as { returneeId: string };

    // Same person typed without accents, no DUI: a candidate to review, nothing written.
    // Counted by this test's names only: other suites may register people meanwhile.
    const sameNames = async () =>
      (
        await app
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM returnees WHERE first_names LIKE '%' || $1`, [
            suffix,
          ])
      )[0].n as number;
    const before = await sameNames();
    const similar = { ...first, firstNames: `Jose Angel ${suffix}`, lastNames: 'Martinez Cruz' };
    const flagged = await post(JSON.stringify(similar));
    expect(flagged.status).toBe(409);
    const problem = (await flagged.json()) as {
      code: string;
      candidates: Array<Record<string, unknown>>;
    };
    expect(problem.code).toBe('returnee.possible-duplicate');
    expect(problem.candidates).toEqual([
      expect.objectContaining({
        returneeId,
        link: `/returnees/${returneeId}`,
        sameDateOfBirth: true,
      }),
    ]);
    expect(JSON.stringify(problem)).not.toContain('Martinez'); // ids and scores, not names
    expect(await sameNames()).toBe(before);

    // The officer checked: it is someone else.
    const confirmed = await post(JSON.stringify({ ...similar, confirmedNewPerson: true }));
    expect(confirmed.status).toBe(201);
  });

  it('does not flag two people with different DUIs, however alike their names', async () => {
    const twin = {
      ...JSON.parse(body(freshDui())),
      firstNames: `Gemelo ${randomUUID().slice(0, 6)}`,
    };
    expect((await post(JSON.stringify(twin))).status).toBe(201);
    expect((await post(JSON.stringify({ ...twin, dui: freshDui() }))).status).toBe(201);
  });
});
