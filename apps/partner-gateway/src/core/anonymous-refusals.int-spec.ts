import { partnerSustainabilityScoreV1 } from '@reintegra/event-contracts';
import {
  currentTestStack,
  freePort,
  ServiceProcess,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
} from '@reintegra/testing';
import { anonymousRefusalTotal } from '../testing/anonymous-refusal-counts';
import { PartnerTestBed } from '../testing/partner-test-bed';

/**
 * Issue 20, defect 10: bad credentials on the agency routes must neither grow the append-only
 * audit log row by row nor go unthrottled. The gateway runs twice on the same database: in
 * process (no throttle, so every refusal reaches the app) and as its built process, which applies
 * AUTH_FAILURES_PER_MINUTE like production.
 */
const LIMIT = 30;
const FLOOD = 300;
const bed = new PartnerTestBed();
let gateway: ServiceProcess;

beforeAll(async () => {
  await bed.start();
  gateway = new ServiceProcess('partner-gateway', await freePort(), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('partner_gateway', 'app'),
    KAFKA_BROKERS: currentTestStack().kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: `partner-gateway-process-${bed.run}`,
    PARTNER_GATEWAY_KEY: bed.gatewayKey,
    AUTH_FAILURES_PER_MINUTE: String(LIMIT),
    ...testAuthEnvironment(),
  });
  await gateway.start();
}, 90_000);
afterAll(async () => {
  await gateway?.stop();
  await bed.stop();
});

const badToken = (i: number) => `Bearer eyJhbGciOiJSUzI1NiJ9.bad-${i}.signature`;

it('counts every anonymous refusal that reaches the app instead of auditing each', async () => {
  const since = new Date();
  const auditBefore = await bed.lastAuditId();
  const countedBefore = await anonymousRefusalTotal(bed.db, since);
  const statuses = new Map<number, number>();
  for (let i = 0; i < FLOOD; i++) {
    const { status } = await bed.call('GET', '/agency/subscriptions', badToken(i));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  await bed.call('GET', '/agency'); // no credentials at all
  await bed.call('GET', '/agency', { apiKey: `rgw_${'0'.repeat(32)}_${'A'.repeat(43)}` });
  await bed.call('GET', '/admin/agencies', 'Bearer not-a-token');

  expect(Object.fromEntries(statuses)).toEqual({ 401: FLOOD });
  expect(await bed.auditSince(auditBefore)).toEqual([]);
  expect((await anonymousRefusalTotal(bed.db, since)) - countedBefore).toBe(FLOOD + 3);
  const counts = (
    await bed.admin('GET', `/admin/audit/anonymous-refusals?since=${since.toISOString()}`)
  ).body['counts'] as Array<Record<string, unknown>>;
  expect(counts).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        routeFamily: 'agency',
        code: 'agency.credentials-invalid',
        reason: 'token-rejected',
      }),
      expect.objectContaining({ routeFamily: 'agency', reason: 'no-credentials' }),
      expect.objectContaining({ routeFamily: 'agency', reason: 'unknown-key' }),
      expect.objectContaining({ routeFamily: 'admin', code: 'auth.unauthenticated' }),
    ]),
  );
  // A handful of counter rows (per minute and reason), not one per refusal.
  expect(counts.length).toBeLessThanOrEqual(8);
});

it('throttles the gateway process after AUTH_FAILURES_PER_MINUTE refusals per address', async () => {
  const since = new Date();
  const auditBefore = await bed.lastAuditId();
  const countedBefore = await anonymousRefusalTotal(bed.db, since);
  const statuses: number[] = [];
  let lastResponse: Response | undefined;
  const started = Date.now();
  for (let i = 0; i < FLOOD; i++) {
    lastResponse = await fetch(`${gateway.url}/agency/subscriptions`, {
      headers: { authorization: badToken(i) },
    });
    await lastResponse.text();
    statuses.push(lastResponse.status);
  }
  const elapsedMs = Date.now() - started;

  expect(statuses.slice(0, LIMIT).every((status) => status === 401)).toBe(true);
  expect(statuses.slice(LIMIT).every((status) => status === 429)).toBe(true);
  expect(lastResponse?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(lastResponse?.headers.get('retry-after'))).toBeGreaterThan(0);
  // Anonymous callers without any credential and with a made-up API key are blocked alike.
  const noCredentials = await fetch(`${gateway.url}/agency`);
  expect(noCredentials.status).toBe(429);
  const madeUpKey = await fetch(`${gateway.url}/agency`, {
    headers: { 'x-api-key': `rgw_${'1'.repeat(32)}_${'B'.repeat(43)}` },
  });
  expect(madeUpKey.status).toBe(429);

  expect(await bed.auditSince(auditBefore)).toEqual([]);
  expect((await anonymousRefusalTotal(bed.db, since)) - countedBefore).toBe(LIMIT);
  console.info(`${FLOOD} bad tokens in ${elapsedMs} ms: ${LIMIT} reached the app, rest 429`);
});

it('still audits, row by row, a known partner doing something forbidden', async () => {
  const since = new Date();
  const ngo = await bed.agency('ong-limite', 'ngo');
  const auditBefore = await bed.lastAuditId();
  const countedBefore = await anonymousRefusalTotal(bed.db, since);

  const forbidden = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey: ngo.apiKey },
    {
      eventTypes: [partnerSustainabilityScoreV1.type],
      channel: 'webhook',
      webhookUrl: 'http://127.0.0.1:9/hook',
    },
  );
  const staff = await bed.call(
    'GET',
    '/agency',
    await testToken({
      roles: ['intake-officer'],
      subject: 'oficial-7',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    }),
  );

  expect([forbidden.status, staff.status]).toEqual([403, 403]);
  expect(await bed.auditSince(auditBefore)).toEqual([
    expect.objectContaining({
      actor: `agency:${ngo.id}`,
      outcome: 'refused',
      code: 'subscription.event-type-not-allowed',
      agencyId: ngo.id,
    }),
    expect.objectContaining({
      actor: 'user:oficial-7',
      outcome: 'refused',
      code: 'auth.role-not-allowed',
    }),
  ]);
  expect(await anonymousRefusalTotal(bed.db, since)).toBe(countedBefore);
});
