import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  runToCompletion,
  ServiceProcess,
  startGroupAtEnd,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
  scratchFile,
} from '@reintegra/testing';
import { officeUser } from './testing/care-fixtures';
import {
  as,
  OFFICE,
  startVictimSupport,
  type TestService,
  uniqueSubject,
} from './testing/victim-support-test-bed';

/**
 * A child-protection referral from intake to victim support on the real stack: intake as its built
 * process, victim support in-process with its Kafka consumer. Intake takes it only for a minor's
 * case with the guardian's consent, and sends victim support a pseudonymous reference of kind
 * `child-protection` (no case, no child's data). There, no counsellor sees it in the queue or takes
 * it; the supervisor does and assigns a counsellor, who then reads the record, and the status
 * comes back to intake's case by the reference alone.
 */
jest.setTimeout(240_000);
const stack = currentTestStack();
const group = `intake-child-protection-${randomUUID().slice(0, 8)}`;
const intakeEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  KAFKA_CONSUMER_GROUP: group,
  TEMPORAL_ADDRESS: stack.temporalAddress,
  TEMPORAL_NAMESPACE: stack.temporalNamespace,
  TEMPORAL_TASK_QUEUE: `reintegration-paths-${group}`,
  OUTBOX_POLL_INTERVAL_MS: '100',
  DATABASE_URL: testDatabaseUrl('intake', 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl('intake', 'migrator'),
  // The shortest hold intake allows: the reference still leaves apart from the case-keyed event.
  VICTIM_SUPPORT_HOLD_MAX_MS: '2000',
  INTAKE_KEK_FILE: scratchFile('intake-kek', 'kek.b64'),
  ...testAuthEnvironment(),
};
const intake = new ServiceProcess('intake', 3710, intakeEnv);
let victimSupport: TestService;
let officer = '';
const supervisor = officeUser(uniqueSubject('cp-supervisor'), 'victim-support-supervisor');
const counsellor = officeUser(uniqueSubject('cp-counsellor'), 'victim-support-counsellor');
const otherCounsellor = officeUser(uniqueSubject('cp-other'), 'victim-support-counsellor');

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${intake.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: officer },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

/** A name no other run has: intake offers similar names born within a year as duplicates (409). */
function uniqueWord(): string {
  const [consonants, vowels] = ['bcdfghjklmnprstvz', 'aeiou'];
  const pick = (from: string) => from.charAt(Math.floor(Math.random() * from.length));
  let word = '';
  for (let i = 0; i < 4; i++) word += pick(consonants) + pick(vowels);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

async function register(dateOfBirth: string): Promise<string> {
  const registered = await call('POST', '/returnees', {
    firstNames: uniqueWord(),
    lastNames: `${uniqueWord()} ${uniqueWord()}`,
    dateOfBirth,
    gender: 'female',
    returnDate: new Date().toISOString().slice(0, 10),
    countryReturnedFrom: 'MX',
    receptionPoint: 'frontera-la-hachadura',
    municipalityCode: OFFICE,
  });
  expect(registered.status).toBe(201);
  return registered.body['caseId'] as string;
}

const consentTo = (caseId: string) =>
  call('POST', `/cases/${caseId}/consents`, {
    purpose: 'service-referral',
    scope: 'child-protection',
    formVersion: 'CONS-CP-1',
  });
const refer = (caseId: string) =>
  call('POST', `/cases/${caseId}/child-protection-referrals`, {
    priority: 'urgent',
    requestedServices: ['psychological', 'legal'],
  });

beforeAll(async () => {
  await runToCompletion('intake', 'migrate', intakeEnv);
  await startGroupAtEnd(stack.kafkaBrokers, group, Object.values(TOPICS));
  victimSupport = await startVictimSupport({ withConsumer: true });
  await intake.start();
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: OFFICE });
});

afterAll(async () => {
  await intake.stop();
  await victimSupport?.stop();
});

describe('a child-protection referral from intake to victim support', () => {
  it('is refused for an adult’s case, and for a minor’s without the guardian’s consent', async () => {
    const adult = await register('1990-03-03');
    await consentTo(adult);
    const refusedAdult = await refer(adult);
    expect(refusedAdult.status).toBe(422);
    expect(refusedAdult.body['code']).toBe('child-protection.not-a-minor');

    const minor = await register('2014-06-01');
    const noConsent = await refer(minor);
    expect(noConsent.status).toBe(403);
    expect(noConsent.body['code']).toBe('referral.consent-missing');
    // The ordinary route still refuses it, and names the confidential one.
    const ordinary = await call('POST', `/cases/${minor}/referrals`, {
      service: 'child-protection',
      priority: 'urgent',
      providerIds: ['victim-support'],
    });
    expect(ordinary.status).toBe(400);
  });

  it('reaches only the supervisor’s queue; the assigned counsellor reads it; the status returns to the case', async () => {
    const caseId = await register('2011-09-15');
    const guardian = await call('PUT', `/cases/${caseId}/guardian`, {
      firstNames: 'Marta',
      lastNames: 'Guardado',
      capacity: 'parent',
    });
    expect(guardian.status).toBe(200);
    expect((await consentTo(caseId)).status).toBe(201);
    const sent = await refer(caseId);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ caseId, status: 'requested' });
    expect(JSON.stringify(sent.body)).not.toMatch(/reference/);
    const referralId = sent.body['referralId'] as string;

    // What victim support received: a reference, its kind, priority, services, municipality.
    const db = victimSupport.app.get(DataSource);
    const [record] = (await eventually(
      async () => {
        const rows = await db.query(
          `SELECT * FROM care_records WHERE kind = 'child-protection' AND received_at > now() - interval '2 minutes'
             AND requested_services = ARRAY['psychological','legal'] AND status = 'referred'`,
        );
        if (rows.length === 0) throw new Error('not received yet');
        return rows;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    )) as Array<Record<string, unknown>>;
    const reference = record?.['reference'] as string;
    expect(JSON.stringify(record)).not.toContain(caseId);
    expect(record).toMatchObject({ municipality_code: OFFICE, priority: 'urgent' });

    const queueOf = async (user: typeof supervisor) =>
      (
        (await as(victimSupport.url, user).get('/referrals')).body as unknown as {
          reference: string;
          kind: string;
        }[]
      ).map((item) => item.reference);
    expect(await queueOf(counsellor)).not.toContain(reference);
    expect(await queueOf(supervisor)).toContain(reference);
    const selfTaken = await as(victimSupport.url, counsellor).post(
      `/care-records/${reference}/acceptance`,
    );
    expect(selfTaken.status).toBe(403);

    const assigned = await as(victimSupport.url, supervisor).post(
      `/care-records/${reference}/assignments`,
      { counsellor: counsellor.subject },
    );
    expect(assigned.status).toBe(201);
    const read = await as(victimSupport.url, counsellor).get(`/care-records/${reference}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ kind: 'child-protection', status: 'accepted' });
    expect(
      (await as(victimSupport.url, otherCounsellor).get(`/care-records/${reference}`)).status,
    ).toBe(403);

    // `accepted` goes back by reference; intake forwards it to the case's referral.
    await eventually(
      async () => {
        const view = await call('GET', `/cases/${caseId}`);
        const referral = (
          view.body['referrals'] as { id: string; service: string; status: string }[]
        ).find((r) => r.id === referralId);
        expect(referral).toMatchObject({ service: 'child-protection', status: 'accepted' });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });
});
