import { randomUUID } from 'node:crypto';
import {
  caseTransferredV1,
  referralRequestedV1,
  returneeRegisteredV1,
} from '@reintegra/event-contracts';
import { adultRegistration, eventually, testToken } from '@reintegra/testing';
import { SupervisorApiTestBed } from '../testing/supervisor-api-test-bed';

/**
 * A transfer moves the case in the read model (the receiving municipality's supervisors see it,
 * the sending one's no longer do), and the path action routes admit only a supervisor of the
 * case's municipality. Their effect on a running path is shown end to end (reintegration-e2e).
 */
const LA_PAZ = 'SV-PA-LA-PAZ-ESTE';
const SAN_SALVADOR = 'SV-SS-SAN-SALVADOR-CENTRO';
const bed = new SupervisorApiTestBed();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  await bed.start();
  tokens['laPaz'] = await testToken({ roles: ['supervisor'], municipalityCode: LA_PAZ });
  tokens['sanSalvador'] = await testToken({
    roles: ['supervisor'],
    municipalityCode: SAN_SALVADOR,
  });
  tokens['national'] = await testToken({ roles: ['national-supervisor'] });
  tokens['officer'] = await testToken({ roles: ['intake-officer'], municipalityCode: LA_PAZ });
  tokens['caseworker'] = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: LA_PAZ,
  });
}, 120_000);
afterAll(() => bed.stop());

async function registeredCase(municipalityCode: string) {
  const caseId = randomUUID();
  await bed.publish(returneeRegisteredV1, caseId, adultRegistration(caseId, municipalityCode));
  await eventually(
    async () =>
      expect((await bed.call('GET', `/api/cases/${caseId}`, tokens['national'])).status).toBe(200),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  return caseId;
}

const auditOf = (caseId: string) =>
  bed.db.query(
    `SELECT action, reason_code, outcome FROM path_actions_audit WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );

describe('a transfer in the read model', () => {
  it('moves the case and its referrals to the receiving municipality', async () => {
    const caseId = await registeredCase(LA_PAZ);
    const referralId = randomUUID();
    await bed.publish(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'normal',
      providerIds: ['employment-provider-a'],
      acknowledgeBy: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
      requestedAt: new Date().toISOString(),
      consentId: randomUUID(),
    });
    await bed.publish(caseTransferredV1, caseId, {
      caseId,
      transferId: randomUUID(),
      fromMunicipalityCode: LA_PAZ,
      toMunicipalityCode: SAN_SALVADOR,
      requestedBy: 'user:oficial-la-paz',
      acceptedBy: 'user:supervisora-san-salvador',
      transferredAt: new Date().toISOString(),
    });
    const page = await eventually(
      async () => {
        const reply = await bed.call('GET', `/api/cases/${caseId}`, tokens['sanSalvador']);
        expect(reply.status).toBe(200);
        return reply.body;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(page).toMatchObject({ case: { municipalityCode: SAN_SALVADOR } });
    expect((await bed.call('GET', `/api/cases/${caseId}`, tokens['laPaz'])).status).toBe(404);
    const [referral] = (await bed.db.query(
      `SELECT municipality_code FROM referrals WHERE referral_id = $1`,
      [referralId],
    )) as { municipality_code: string }[];
    expect(referral?.municipality_code).toBe(SAN_SALVADOR);
  });
});

describe('path action routes', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await registeredCase(LA_PAZ);
  }, 90_000);

  const routes = () =>
    [
      [`/api/cases/${caseId}/path/officer`, { officerId: 'user:oficial-2' }],
      [`/api/cases/${caseId}/path/pause`, { paused: true, reasonCode: 'hospitalised' }],
    ] as const;

  it('admits only a supervisor of the case’s municipality', async () => {
    for (const [path, body] of routes()) {
      expect((await bed.call('POST', path, undefined, body)).status).toBe(401);
      for (const role of ['officer', 'caseworker', 'national']) {
        const reply = await bed.call('POST', path, tokens[role], body);
        expect(reply.status).toBe(403);
        expect(reply.type).toContain('application/problem+json');
      }
      const outside = await bed.call('POST', path, tokens['sanSalvador'], body);
      expect(outside.status).toBe(404);
      expect(outside.body['code']).toBe('case.not-found');
    }
    expect(await auditOf(caseId)).toEqual([]);
  });

  it('refuses a bad body, and answers 409 (audited) when the case has no running path', async () => {
    const [[officerPath], [pausePath, pauseBody]] = routes();
    const bad = await bed.call('POST', officerPath, tokens['laPaz'], { officerId: '' });
    expect(bad.status).toBe(400);
    const noPath = await bed.call('POST', pausePath, tokens['laPaz'], pauseBody);
    expect(noPath.status).toBe(409);
    expect(noPath.type).toContain('application/problem+json');
    expect(noPath.body['code']).toBe('path.not-running');
    expect(await auditOf(caseId)).toEqual([
      { action: 'path.paused', reason_code: 'hospitalised', outcome: 'rejected' },
    ]);
  });
});
