import { Client as TemporalClient, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  currentTestStack,
  eventually,
  runToCompletion,
  ServiceProcess,
  testDatabaseUrl,
  testToken,
} from '@reintegra/testing';
import {
  type OpenReferral,
  openReferralsQuery,
  type PathState,
  pathStateQuery,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import { PathServices } from './path-services';

/**
 * A case handed over from La Paz Este's office to San Salvador Centro's, through the built services
 * as real processes (intake, orchestrator, supervisor API): the La Paz supervisor first reassigns
 * the officer and pauses and resumes the path over HTTP; the person consents and San Salvador
 * accepts the transfer; then the path's `Municipality` search attribute, the supervisors' read
 * model and intake's access have all moved, and the open referral kept its deadline.
 */
jest.setTimeout(300_000);
const stack = currentTestStack();
const LA_PAZ = 'SV-PA-LA-PAZ-ESTE';
const SAN_SALVADOR = 'SV-SS-SAN-SALVADOR-CENTRO';
const services = new PathServices('transfer-e2e', { intake: 3620, orchestrator: 3621 });
const supervisorEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl('supervisor', 'migrator'),
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  // The read model's positions live in its database: the same group as its own suites.
  KAFKA_CONSUMER_GROUP: 'supervisor-api-test',
  TEMPORAL_ADDRESS: stack.temporalAddress,
  TEMPORAL_NAMESPACE: stack.temporalNamespace,
  INTAKE_URL: services.intake.url,
};
const supervisorApi = new ServiceProcess('supervisor-api', 3622, supervisorEnv);
const tokens: Record<string, string> = {};
let temporal: TemporalClient;

async function call(base: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: token },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}
const intake = (method: string, path: string, token: string, body?: unknown) =>
  call(services.intake.url, method, path, token, body);
const supervisor = (method: string, path: string, token: string, body?: unknown) =>
  call(supervisorApi.url, method, path, token, body);

beforeAll(async () => {
  await runToCompletion('supervisor-api', 'migrate', supervisorEnv);
  await Promise.all([services.start(), supervisorApi.start()]);
  const who = (role: 'intake-officer' | 'supervisor', municipalityCode: string) =>
    testToken({ roles: [role], municipalityCode, subject: `${role}-${municipalityCode}` });
  tokens['officerLaPaz'] = await who('intake-officer', LA_PAZ);
  tokens['supervisorLaPaz'] = await who('supervisor', LA_PAZ);
  tokens['officerSanSalvador'] = await who('intake-officer', SAN_SALVADOR);
  tokens['supervisorSanSalvador'] = await who('supervisor', SAN_SALVADOR);
  temporal = new TemporalClient({
    connection: await Connection.connect({ address: stack.temporalAddress }),
    namespace: stack.temporalNamespace,
  });
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([services.stop(), supervisorApi.stop()]);
  await temporal?.connection.close();
});

it('hands a case over to another office while its path and open referral go on', async () => {
  // A La Paz Este case with the employment referral sent (its deadline set by the path).
  const registered = await intake('POST', '/returnees', tokens['officerLaPaz'] ?? '', {
    // A person no earlier run registered (a look-alike would be held as a possible duplicate).
    firstNames: `Marta ${randomUUID().slice(0, 8)}`,
    lastNames: `Traslado ${randomUUID().slice(0, 8)}`,
    dateOfBirth: `19${50 + Math.floor(Math.random() * 50)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 10)}`,
    gender: 'female',
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: LA_PAZ,
  });
  expect(registered.status).toBe(201);
  const caseId = registered.body['caseId'] as string;
  const path = temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
  const consent = await intake('POST', `/cases/${caseId}/consents`, tokens['officerLaPaz'] ?? '', {
    purpose: 'service-referral',
    scope: 'employment',
    formVersion: 'consentimiento-2026-01',
  });
  expect(consent.status).toBe(201);
  await eventually(async () => expect((await path.query(pathStateQuery)).phase).toBe('intake'), {
    timeoutMs: 120_000,
  });
  const referral = await intake(
    'POST',
    `/cases/${caseId}/referrals`,
    tokens['officerLaPaz'] ?? '',
    {
      service: 'employment',
      priority: 'urgent',
      providerIds: ['employment-provider-a'],
    },
  );
  expect(referral.status).toBe(201);
  const before: OpenReferral = await eventually(
    async () => {
      const [open] = await path.query(openReferralsQuery);
      expect(open?.acknowledgeBy).toEqual(expect.any(String));
      return open as OpenReferral;
    },
    { timeoutMs: 60_000 },
  );

  // The La Paz supervisor reassigns the officer, pauses and resumes the path (HTTP → updates).
  const actions = `/api/cases/${caseId}/path`;
  const laPaz = tokens['supervisorLaPaz'] ?? '';
  await eventually(
    async () => expect((await supervisor('GET', `/api/cases/${caseId}`, laPaz)).status).toBe(200),
    { timeoutMs: 60_000 },
  );
  const reassigned = await supervisor('POST', `${actions}/officer`, laPaz, {
    officerId: 'user:oficial-2',
  });
  expect(reassigned).toMatchObject({ status: 200, body: { assignedOfficer: 'user:oficial-2' } });
  const paused = await supervisor('POST', `${actions}/pause`, laPaz, {
    paused: true,
    reasonCode: 'hospitalised',
  });
  expect(paused).toMatchObject({ status: 200, body: { paused: true } });
  const again = await supervisor('POST', `${actions}/pause`, laPaz, {
    paused: true,
    reasonCode: 'hospitalised',
  });
  expect(again).toMatchObject({ status: 409, body: { code: 'path.change-refused' } });
  expect((await path.query(pathStateQuery)).paused).toBe(true);
  const resumed = await supervisor('POST', `${actions}/pause`, laPaz, {
    paused: false,
    reasonCode: 'discharged',
  });
  expect(resumed).toMatchObject({ status: 200, body: { paused: false } });

  // The person consents; San Salvador Centro's office accepts the transfer.
  const requested = await intake(
    'POST',
    `/cases/${caseId}/transfers`,
    tokens['officerLaPaz'] ?? '',
    {
      toMunicipalityCode: SAN_SALVADOR,
      reasonCode: 'moved-residence',
      consent: { given: true, method: 'written' },
    },
  );
  expect(requested.status).toBe(201);
  const accepted = await intake(
    'POST',
    `/transfers/${requested.body['id'] as string}/acceptance`,
    tokens['supervisorSanSalvador'] ?? '',
  );
  expect(accepted.status).toBe(200);

  // The path's Municipality search attribute moved (Temporal visibility).
  const byId = `WorkflowId = '${reintegrationPathWorkflowId(caseId)}'`;
  await eventually(
    async () =>
      expect(
        (await temporal.workflow.count(`${byId} AND Municipality = '${SAN_SALVADOR}'`)).count,
      ).toBe(1),
    { timeoutMs: 60_000 },
  );
  const state: PathState = await path.query(pathStateQuery);
  expect(state).toMatchObject({
    municipalityCode: SAN_SALVADOR,
    phase: 'intake',
    assignedOfficer: 'user:oficial-2',
    paused: false,
  });
  const [after] = await path.query(openReferralsQuery);
  expect(after).toMatchObject({
    referralId: before.referralId,
    acknowledgeBy: before.acknowledgeBy,
  });

  // Access moved with it: intake and the supervisors' read model.
  expect((await intake('GET', `/cases/${caseId}`, tokens['officerLaPaz'] ?? '')).status).toBe(403);
  expect((await intake('GET', `/cases/${caseId}`, tokens['officerSanSalvador'] ?? '')).status).toBe(
    200,
  );
  const sanSalvador = tokens['supervisorSanSalvador'] ?? '';
  await eventually(
    async () =>
      expect((await supervisor('GET', `/api/cases/${caseId}`, sanSalvador)).status).toBe(200),
    { timeoutMs: 60_000 },
  );
  expect((await supervisor('GET', `/api/cases/${caseId}`, laPaz)).status).toBe(404);
  expect(
    (await supervisor('POST', `${actions}/officer`, laPaz, { officerId: 'user:oficial-3' })).status,
  ).toBe(404);
  const newOffice = await supervisor('POST', `${actions}/officer`, sanSalvador, {
    officerId: 'user:oficial-san-salvador',
  });
  expect(newOffice).toMatchObject({
    status: 200,
    body: { assignedOfficer: 'user:oficial-san-salvador', municipalityCode: SAN_SALVADOR },
  });
  await path.terminate('test done');
});
