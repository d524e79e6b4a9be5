import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  consentWithdrawnV1,
  deadLetterTopicOf,
  parseEvent,
  referralRequestedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually, testDatabaseUrl } from '@reintegra/testing';
import {
  caseEventSignal,
  historySummaryQuery,
  openReferralsQuery,
  pathStateQuery,
  referralProgressQuery,
  referralWorkflowId,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
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
const bed = new OrchestratorTestBed([
  TOPICS.pathEvents,
  deadLetterTopicOf(TOPICS.referralStatus),
  deadLetterTopicOf(TOPICS.intakeConsents),
]);
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

  it('withdraws the open education referral as `withdrawn` when the education consent is withdrawn', async () => {
    const caseId = randomUUID();
    // Started on this bed's task queue, as its bridge would: orchestrators of other runs on the
    // same stack read the same topics, and the first bridge to start a path runs it on its workers.
    const openedByEventId = randomUUID();
    const openedAt = new Date().toISOString();
    await bed.temporal.workflow.signalWithStart(REINTEGRATION_PATH_WORKFLOW_TYPE, {
      workflowId: reintegrationPathWorkflowId(caseId),
      taskQueue: bed.taskQueue,
      args: [
        { caseId, municipalityCode: 'SV-PA-LA-PAZ-ESTE', minor: true, openedAt, openedByEventId },
      ],
      signal: caseEventSignal,
      signalArgs: [
        { eventId: openedByEventId, type: returneeRegisteredV1.type, occurredAt: openedAt },
      ],
    });
    const path = bed.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    await eventually(async () => expect((await path.query(pathStateQuery)).phase).toBe('intake'), {
      timeoutMs: 120_000,
    });
    const request = (service: 'education' | 'employment', providerIds: string[]) => ({
      referralId: randomUUID(),
      caseId,
      service,
      priority: 'normal' as const,
      providerIds,
      acknowledgeBy: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
      requestedAt: new Date().toISOString(),
      consentId: randomUUID(),
    });
    const education = request('education', ['edu-a']);
    const employment = request('employment', ['emp-a']);
    await send(referralRequestedV1, caseId, education);
    await send(referralRequestedV1, caseId, employment);
    await eventually(async () => expect(await path.query(openReferralsQuery)).toHaveLength(2), {
      timeoutMs: 30_000,
    });

    const withdrawal = {
      consentId: education.consentId,
      caseId,
      purpose: 'service-referral' as const,
      scope: 'education',
      formVersion: 'recepcion-2026-12-v1',
      withdrawnAt: new Date().toISOString(),
    };
    const withdrawn = await send(consentWithdrawnV1, caseId, withdrawal);
    // Redelivered, and a contact consent withdrawn: neither has any further effect on the path.
    await send(consentWithdrawnV1, caseId, withdrawal, withdrawn.id);
    await send(consentWithdrawnV1, caseId, {
      ...withdrawal,
      consentId: randomUUID(),
      purpose: 'contact' as const,
      scope: undefined,
    });

    // Only the education referral ends; the employment one keeps running.
    await eventually(
      async () =>
        expect(await path.query(openReferralsQuery)).toEqual([
          expect.objectContaining({ referralId: employment.referralId, service: 'employment' }),
        ]),
      { timeoutMs: 30_000 },
    );
    const child = bed.temporal.workflow.getHandle(referralWorkflowId(education.referralId));
    expect((await child.result()).status).toBe('withdrawn');
    // The provider holding it is told, through the outbox, with the reason.
    const routed = await eventually(
      () => {
        const found = bed.recorder.messages
          .filter((m) => m.topic === TOPICS.pathEvents && m.key === caseId)
          .map((m) => parseEvent(m.value))
          .find(
            (p) =>
              p.ok &&
              (p.event.data as { referralId?: string; action?: string }).referralId ===
                education.referralId &&
              (p.event.data as { action?: string }).action === 'withdrawn',
          );
        if (!found?.ok) throw new Error('no withdrawal yet');
        return found.event;
      },
      { timeoutMs: 30_000 },
    );
    expect(routed.data).toMatchObject({ providerId: 'edu-a', reasonCode: 'consent-withdrawn' });
    // Education's own answer to the same withdrawal, crossing the path's: accepted, nothing to do.
    const crossed = await send(referralStatusChangedV1, caseId, {
      referralId: education.referralId,
      caseId,
      service: 'education' as const,
      providerId: 'edu-a',
      status: 'declined' as const,
      reasonCode: 'consent-withdrawn',
      occurredAt: new Date().toISOString(),
    });
    const summary = await path.query(historySummaryQuery);
    expect(summary.byEventType['consent.withdrawn.education']).toBe(1);
    expect(summary.byEventType['referral.withdrawn']).toBe(1);

    // A referral resting on the withdrawn consent that arrives late ends at once too.
    const lateReferral = { ...request('education', ['edu-b']), consentId: education.consentId };
    await send(referralRequestedV1, caseId, lateReferral);
    const lateChild = bed.temporal.workflow.getHandle(referralWorkflowId(lateReferral.referralId));
    await eventually(async () => expect((await lateChild.result()).status).toBe('withdrawn'), {
      timeoutMs: 30_000,
    });
    expect((await path.query(openReferralsQuery)).map((r) => r.referralId)).toEqual([
      employment.referralId,
    ]);

    // After the path closed, a late withdrawal is honoured as nothing-to-do; neither it nor the
    // crossed answer is dead-lettered (the inbox keeps only what was handled).
    await path.terminate('test done');
    const late = await send(consentWithdrawnV1, caseId, { ...withdrawal, consentId: randomUUID() });
    const db = new Client({ connectionString: testDatabaseUrl('orchestrator', 'migrator') });
    await db.connect();
    try {
      await eventually(
        async () => {
          const { rows } = await db.query(
            `SELECT 1 FROM inbox_messages WHERE event_id = ANY ($1::uuid[]) AND consumer = $2`,
            [[late.id, crossed.id], bed.group],
          );
          expect(rows).toHaveLength(2);
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await db.end();
    }
    expect(
      bed.recorder.messages.filter(
        (m) =>
          [TOPICS.intakeConsents, TOPICS.referralStatus]
            .map((t) => deadLetterTopicOf(t))
            .includes(m.topic) &&
          m.key === caseId &&
          // Only this bed's bridge: orchestrators of other runs may read the same topics.
          m.headers['dlq-consumer'] === bed.group,
      ),
    ).toEqual([]);
  });
});
