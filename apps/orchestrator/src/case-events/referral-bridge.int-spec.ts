import { randomUUID } from 'node:crypto';
import {
  deadLetterTopicOf,
  parseEvent,
  referralRequestedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import {
  openReferralsQuery,
  pathStateQuery,
  referralProgressQuery,
  referralWorkflowId,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import { OrchestratorTestBed } from '../testing/orchestrator-test-bed';

/**
 * The Kafka→Temporal bridge in-process against the real stack: referral events drive the path's
 * child workflows, path events leave through the outbox, and bad input lands in the dead-letter
 * topic with its reason while the workflows carry on.
 */
// Under load the first workflow tasks of a freshly bundled worker can take a while.
jest.setTimeout(240_000);
const bed = new OrchestratorTestBed([TOPICS.pathEvents, deadLetterTopicOf(TOPICS.referralStatus)]);
const send = bed.send.bind(bed);

beforeAll(() => bed.start(), 180_000);
afterAll(() => bed.stop());

describe('referral events through the bridge', () => {
  it('opens a path, runs a bundle referral and publishes the withdrawal; bad input is dead-lettered', async () => {
    const caseId = randomUUID();
    await send(returneeRegisteredV1, caseId, {
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
    const request = {
      referralId,
      caseId,
      service: 'employment' as const,
      priority: 'urgent' as const,
      providerIds: ['emp-a', 'emp-b'],
      acknowledgeBy: new Date(Date.now() + 72 * 3600_000).toISOString(),
      requestedAt: new Date().toISOString(),
      consentId: randomUUID(),
    };
    const requested = await send(referralRequestedV1, caseId, request);
    // Redelivered with the same id: the inbox drops it.
    await send(referralRequestedV1, caseId, request, requested.id);
    const referral = bed.temporal.workflow.getHandle(referralWorkflowId(referralId));
    await eventually(
      async () => expect((await referral.query(referralProgressQuery)).status).toBe('sent'),
      { timeoutMs: 30_000 },
    );

    const status = (providerId: string, value: 'accepted' | 'completed') => ({
      referralId,
      caseId,
      service: 'employment' as const,
      providerId,
      status: value,
      occurredAt: new Date().toISOString(),
    });
    await send(referralStatusChangedV1, caseId, status('emp-b', 'accepted'));
    await eventually(
      async () =>
        expect(await path.query(openReferralsQuery)).toEqual([
          expect.objectContaining({ referralId, status: 'accepted', providerIds: ['emp-b'] }),
        ]),
      { timeoutMs: 30_000 },
    );
    // The bundle's other provider is withdrawn, through the outbox, onto reintegra.path.events.
    const withdrawn = await eventually(
      () => {
        const found = bed.recorder.messages
          .filter((m) => m.topic === TOPICS.pathEvents && m.key === caseId)
          .map((m) => parseEvent(m.value))
          .find(
            (p) =>
              p.ok &&
              p.event.type === 'sv.reintegra.path.referral-routed.v1' &&
              (p.event.data as { action: string }).action === 'withdrawn',
          );
        if (!found?.ok) throw new Error('no withdrawal yet');
        return found.event;
      },
      { timeoutMs: 30_000 },
    );
    expect(withdrawn.data).toMatchObject({ referralId, providerId: 'emp-a' });

    // Bad input: a status from a provider that lost the bundle, and one for an unknown referral.
    await send(referralStatusChangedV1, caseId, status('emp-z', 'completed'));
    await send(referralStatusChangedV1, caseId, {
      ...status('emp-b', 'completed'),
      referralId: randomUUID(),
    });
    const dlq = await eventually(
      () => {
        const dead = bed.recorder.messages.filter(
          (m) => m.topic === deadLetterTopicOf(TOPICS.referralStatus) && m.key === caseId,
        );
        expect(dead).toHaveLength(2);
        return dead;
      },
      { timeoutMs: 60_000 },
    );
    expect(dlq.map((m) => m.headers['dlq-reason']).sort()).toEqual([
      'processing-failed',
      'rejected:workflow.update-rejected',
    ]);
    const details = dlq.map((m) => m.headers['dlq-detail']).join(' ');
    expect(details).toMatch(/another provider already accepted/);
    expect(details).toMatch(/No running workflow referral\//);

    // The workflows carried on: the real provider completes the referral.
    await send(referralStatusChangedV1, caseId, status('emp-b', 'completed'));
    await eventually(async () => expect(await path.query(openReferralsQuery)).toEqual([]), {
      timeoutMs: 30_000,
    });
    expect((await path.describe()).status.name).toBe('RUNNING');
    await path.terminate('test done');
  });
});
