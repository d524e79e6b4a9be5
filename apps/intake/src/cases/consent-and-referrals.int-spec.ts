import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseEvent, referralRequestedV1, TOPICS } from '@reintegra/event-contracts';
import { currentTestStack, eventually, testToken, TopicRecorder } from '@reintegra/testing';
import { freshDui, startIntakeForTest } from '../testing/intake-test-bed';

/** Consent gates every referral; each grant, withdrawal, referral and revocation is an event. */
const stack = currentTestStack();
let app: INestApplication;
let url: string;
let recorder: TopicRecorder;
let officer: string;
let caseId: string;

async function call(method: string, path: string, body?: unknown, authorization = officer) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const eventsFor = (topic: string) =>
  recorder.messages
    .filter((m) => m.topic === topic && m.key === caseId)
    .map((m) => parseEvent(m.value));

async function referralCount(): Promise<number> {
  const rows = await app
    .get(DataSource)
    .query('SELECT count(*)::int AS n FROM referrals WHERE case_id = $1', [caseId]);
  return rows[0].n;
}

const employmentReferral = {
  service: 'employment',
  priority: 'urgent',
  providerIds: ['oficina-empleo-la-paz-este', 'ong-empleo'],
};

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' });
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.intakeConsents, TOPICS.intakeReferrals]);
  await recorder.start();
  ({ app, url } = await startIntakeForTest());
  const registered = await call('POST', '/returnees', {
    dui: freshDui(),
    firstNames: 'Marta',
    lastNames: 'Rivas',
    dateOfBirth: '1988-02-10',
    gender: 'female',
    returnDate: '2026-11-18',
    countryReturnedFrom: 'MX',
    receptionPoint: 'frontera-la-hachadura',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  });
  caseId = registered.body['caseId'] as string;
});

afterAll(async () => {
  await recorder?.stop();
  await app?.close();
});

describe('consent and referrals of a case', () => {
  let consentId: string;
  let referralId: string;

  it('refuses a referral without consent, with the reason, writing and publishing nothing', async () => {
    const refused = await call('POST', `/cases/${caseId}/referrals`, employmentReferral);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'referral.consent-missing' });
    expect(String(refused.body['title'])).toContain('employment');
    expect(await referralCount()).toBe(0);
  });

  it('refuses a consent scope outside the vocabulary, naming the allowed ones, writing nothing', async () => {
    for (const [body, allowed] of [
      [{ purpose: 'partner-sharing', scope: 'emplyer' }, /employer/],
      [{ purpose: 'partner-sharing', scope: 'employers' }, /employer/],
      [{ purpose: 'service-referral', scope: 'jobs' }, /employment/],
      [{ purpose: 'statistics', scope: 'employment' }, /no lleva alcance/],
    ] as const) {
      const refused = await call('POST', `/cases/${caseId}/consents`, {
        ...body,
        formVersion: 'CONS-2026-01',
      });
      expect(refused.status).toBe(400);
      const errors = refused.body['errors'] as { field: string; message: string }[];
      expect(errors).toEqual([{ field: 'scope', message: expect.stringMatching(allowed) }]);
    }
    expect(eventsFor(TOPICS.intakeConsents)).toHaveLength(0);
  });

  it('records a consent per purpose and publishes consent.granted', async () => {
    const granted = await call('POST', `/cases/${caseId}/consents`, {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'CONS-2026-01',
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      purpose: 'service-referral',
      scope: 'employment',
      active: true,
    });
    consentId = granted.body['id'] as string;
    await eventually(() => expect(eventsFor(TOPICS.intakeConsents)).toHaveLength(1));

    const again = await call('POST', `/cases/${caseId}/consents`, {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'CONS-2026-01',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'consent.already-granted' });
  });

  it('sends the referral with its acknowledgement deadline and publishes referral.requested', async () => {
    const sent = await call('POST', `/cases/${caseId}/referrals`, employmentReferral);
    expect(sent.status).toBe(201);
    referralId = sent.body['id'] as string;
    const requestedAt = Date.parse(sent.body['requestedAt'] as string);
    expect(Date.parse(sent.body['acknowledgeBy'] as string) - requestedAt).toBe(72 * 3_600_000);

    const [event] = await eventually(() => {
      const found = eventsFor(TOPICS.intakeReferrals);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event).toMatchObject({
      ok: true,
      event: {
        type: referralRequestedV1.type,
        subject: caseId,
        data: {
          referralId,
          caseId,
          consentId,
          priority: 'urgent',
          providerIds: employmentReferral.providerIds,
        },
      },
    });
  });

  it('refuses an illegal revocation naming the allowed states', async () => {
    expect(
      (
        await call('POST', `/cases/${caseId}/referrals/${referralId}/revocation`, {
          reasonCode: 'duplicate',
        })
      ).status,
    ).toBe(200);
    const again = await call('POST', `/cases/${caseId}/referrals/${referralId}/revocation`, {
      reasonCode: 'duplicate',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'referral.illegal-transition' });
    expect(String(again.body['title'])).toContain('requested');
  });

  it('stops referrals as soon as the consent is withdrawn, and publishes the withdrawal', async () => {
    const withdrawn = await call('POST', `/cases/${caseId}/consents/${consentId}/withdrawal`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ active: false });
    const before = await referralCount();
    const refused = await call('POST', `/cases/${caseId}/referrals`, employmentReferral);
    expect(refused.status).toBe(403);
    expect(await referralCount()).toBe(before);
    await eventually(() =>
      expect(eventsFor(TOPICS.intakeConsents).map((e) => e.ok && e.event.type)).toEqual([
        'sv.reintegra.consent.granted.v1',
        'sv.reintegra.consent.withdrawn.v1',
      ]),
    );
  });

  it('rejects victim-support referrals on this route and invalid bodies, listing the fields', async () => {
    const invalid = await call('POST', `/cases/${caseId}/referrals`, {
      service: 'victim-support',
      priority: 'soon',
      providerIds: [],
    });
    expect(invalid.status).toBe(400);
    const fields = (invalid.body['errors'] as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['service', 'priority', 'providerIds']));
  });

  it('keeps cases to their municipality and to the office roles', async () => {
    const elsewhere = await testToken({
      roles: ['supervisor'],
      municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
    });
    expect((await call('GET', `/cases/${caseId}/consents`, undefined, elsewhere)).status).toBe(403);
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    });
    expect((await call('GET', `/cases/${caseId}/referrals`, undefined, caseworker)).status).toBe(
      403,
    );
    const supervisor = await testToken({
      roles: ['supervisor'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    });
    const list = await fetch(`${url}/cases/${caseId}/referrals`, {
      headers: { authorization: supervisor },
    });
    expect(list.status).toBe(200);
    // Supervisors watch and revoke; recording consent is the officer's act with the person.
    expect(
      (
        await call(
          'POST',
          `/cases/${caseId}/consents`,
          { purpose: 'statistics', formVersion: 'v1' },
          supervisor,
        )
      ).status,
    ).toBe(403);
  });
});
