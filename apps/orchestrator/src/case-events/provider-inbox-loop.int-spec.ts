import { randomUUID } from 'node:crypto';
import {
  parseEvent,
  referralRequestedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually, type ServiceProcess } from '@reintegra/testing';
import {
  openReferralsQuery,
  pathStateQuery,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import {
  directoryCall,
  registerProvider,
  startDirectoryProcess,
} from '../testing/directory-process';
import { OrchestratorTestBed } from '../testing/orchestrator-test-bed';

/**
 * The closed loop with an outside organisation, every part real: intake's referral.requested on
 * Kafka → the orchestrator's bridge and workflows (this process) and the service directory's
 * provider inbox (the built service as its own process); the shelter's staff accept and complete
 * in their inbox; the answers come back as referral.status-changed and move the path exactly as an
 * employment office's answers do.
 */
jest.setTimeout(240_000);
const bed = new OrchestratorTestBed([TOPICS.referralStatus]);
const shelter = `albergue-bucle-${randomUUID().slice(0, 8)}`;
const shelterStaff = {
  roles: ['provider-staff' as const],
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  organisationId: shelter,
};
let directory: ServiceProcess;

beforeAll(async () => {
  directory = await startDirectoryProcess(bed.group);
  await registerProvider(directory, shelter, { serviceType: 'housing', capacityAvailable: 3 });
  await bed.start();
}, 180_000);
afterAll(async () => {
  await bed.stop();
  await directory?.stop();
});

describe('provider inbox in the closed loop', () => {
  it('moves the path when an outside organisation accepts and completes a housing referral in its inbox', async () => {
    const caseId = randomUUID();
    await bed.send(returneeRegisteredV1, caseId, {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      returnDate: '2026-11-20',
      countryReturnedFrom: 'US',
      minor: false,
      registeredAt: new Date().toISOString(),
    });
    const path = bed.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    await eventually(async () => expect((await path.query(pathStateQuery)).phase).toBe('intake'), {
      timeoutMs: 120_000,
    });

    const referralId = randomUUID();
    await bed.send(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'housing',
      priority: 'urgent',
      providerIds: [shelter],
      acknowledgeBy: new Date(Date.now() + 72 * 3600_000).toISOString(),
      requestedAt: new Date().toISOString(),
      consentId: randomUUID(),
      eligibility: { ageYears: 31, sex: 'male' },
    });
    const inbox = await eventually(
      () =>
        directoryCall(directory, shelterStaff, 'GET', `/provider-inbox/referrals/${referralId}`),
      { timeoutMs: 30_000 },
    );
    expect(inbox).toMatchObject({
      status: 'asked',
      service: 'housing',
      facts: { ageYears: 31, sex: 'male' },
    });
    await eventually(
      async () =>
        expect(await path.query(openReferralsQuery)).toEqual([
          expect.objectContaining({ referralId, status: 'sent', providerIds: [shelter] }),
        ]),
      { timeoutMs: 30_000 },
    );

    await directoryCall(
      directory,
      shelterStaff,
      'POST',
      `/provider-inbox/referrals/${referralId}/acceptance`,
    );
    await eventually(
      async () =>
        expect(await path.query(openReferralsQuery)).toEqual([
          expect.objectContaining({
            referralId,
            status: 'accepted',
            providerIds: [shelter],
            overdue: false,
          }),
        ]),
      { timeoutMs: 30_000 },
    );
    const reported = bed.recorder.messages
      .filter((m) => m.topic === TOPICS.referralStatus && m.key === caseId)
      .map((m) => parseEvent(m.value))
      .map((p) => (p.ok ? p.event : undefined));
    expect(reported[0]).toMatchObject({
      source: '/reintegra/service-directory',
      data: { referralId, providerId: shelter, service: 'housing', status: 'accepted' },
    });

    await directoryCall(
      directory,
      shelterStaff,
      'POST',
      `/provider-inbox/referrals/${referralId}/start`,
    );
    await directoryCall(
      directory,
      shelterStaff,
      'POST',
      `/provider-inbox/referrals/${referralId}/completion`,
      {
        outcomeCode: 'housed',
      },
    );
    await eventually(async () => expect(await path.query(openReferralsQuery)).toEqual([]), {
      timeoutMs: 30_000,
    });
    expect((await path.query(pathStateQuery)).history.map((h) => h.eventType)).toEqual(
      expect.arrayContaining([
        'referral.requested.urgent',
        'referral.accepted',
        'referral.completed',
      ]),
    );
    await path.terminate('test done');
  });
});
