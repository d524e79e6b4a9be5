import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  consentWithdrawnV1,
  deadLetterTopicOf,
  referralRequestedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually, testDatabaseUrl } from '@reintegra/testing';
import {
  caseEventSignal,
  openReferralsQuery,
  referralWorkflowId,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import {
  OrchestratorTestBed,
  TEST_MUNICIPALITY as MUNICIPALITY,
} from '../testing/orchestrator-test-bed';
import { PARKING_LIFETIME_MS, ParkedEvents } from './parked-events';

/**
 * Events that cannot be delivered yet never wait in line on their partition: a referral request
 * ahead of its case's registration is parked in the orchestrator's database and delivered when
 * the path starts (in order, once), or dead-lettered with a reason when its lifetime ends; a
 * consent withdrawal is a signal Temporal takes without a worker; an update to a path no worker
 * serves is dead-lettered at once.
 */
jest.setTimeout(240_000);
const bed = new OrchestratorTestBed([
  deadLetterTopicOf(TOPICS.intakeReferrals),
  deadLetterTopicOf(TOPICS.intakeReturnees),
  deadLetterTopicOf(TOPICS.intakeConsents),
]);
const db = new Client({ connectionString: testDatabaseUrl('orchestrator', 'migrator') });

beforeAll(async () => {
  await db.connect();
  await bed.start();
}, 180_000);
afterAll(async () => {
  await bed.stop();
  await db.end();
});

const now = () => new Date().toISOString();

function referral(caseId: string, service: 'employment' | 'education' = 'employment') {
  return {
    referralId: randomUUID(),
    caseId,
    service,
    priority: 'normal' as const,
    providerIds: [`${service}-a`],
    acknowledgeBy: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
    requestedAt: now(),
    consentId: randomUUID(),
  };
}

async function parkedFor(caseId: string): Promise<{ event_id: string; event_type: string }[]> {
  const { rows } = await db.query(
    `SELECT event_id::text, event_type FROM parked_events
      WHERE consumer = $1 AND workflow_id = $2 ORDER BY seq`,
    [bed.group, reintegrationPathWorkflowId(caseId)],
  );
  return rows as { event_id: string; event_type: string }[];
}

/** This bed's dead letters for a case (other runs' orchestrators may read the same topics). */
const lettersFor = (caseId: string) =>
  bed.recorder.messages.filter((m) => m.key === caseId && m.headers['dlq-consumer'] === bed.group);

describe('events that cannot be delivered yet', () => {
  it('parks referral requests that come before the path, and delivers them in order when it starts', async () => {
    const caseId = randomUUID();
    const first = referral(caseId);
    const second = referral(caseId, 'education');
    const requested = await bed.send(referralRequestedV1, caseId, first);
    await bed.send(referralRequestedV1, caseId, second);
    // Redelivered: the inbox drops it, it is not parked twice.
    await bed.send(referralRequestedV1, caseId, first, requested.id);
    await eventually(async () => expect(await parkedFor(caseId)).toHaveLength(2), {
      timeoutMs: 60_000,
    });
    // The first referral's consent withdrawn while both wait: it waits behind them (a withdrawal
    // for a case with no path and nothing parked is honoured as nothing to do).
    await bed.send(consentWithdrawnV1, caseId, {
      consentId: first.consentId,
      caseId,
      purpose: 'service-referral' as const,
      scope: 'employment',
      formVersion: 'recepcion-2026-12-v1',
      withdrawnAt: now(),
    });
    await eventually(
      async () =>
        expect((await parkedFor(caseId)).map((row) => row.event_type)).toEqual([
          referralRequestedV1.type,
          referralRequestedV1.type,
          consentWithdrawnV1.type,
        ]),
      { timeoutMs: 60_000 },
    );

    await bed.register(caseId);
    const path = bed.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    // Both referrals reached the path; the employment consent's withdrawal, delivered after them,
    // ended the employment one.
    const firstChild = bed.temporal.workflow.getHandle(referralWorkflowId(first.referralId));
    await eventually(async () => expect((await firstChild.result()).status).toBe('withdrawn'), {
      timeoutMs: 120_000,
    });
    await eventually(
      async () =>
        expect((await path.query(openReferralsQuery)).map((r) => r.referralId)).toEqual([
          second.referralId,
        ]),
      { timeoutMs: 30_000 },
    );
    const secondChild = bed.temporal.workflow.getHandle(referralWorkflowId(second.referralId));
    expect((await secondChild.describe()).status.name).toBe('RUNNING');
    expect(await parkedFor(caseId)).toEqual([]);
    expect(lettersFor(caseId)).toEqual([]);
    await Promise.allSettled([secondChild.terminate('test done'), path.terminate('test done')]);
  });

  it('dead-letters a parked request whose path never starts, with the reason, after its lifetime', async () => {
    const caseId = randomUUID();
    const request = await bed.send(referralRequestedV1, caseId, referral(caseId));
    await eventually(async () => expect(await parkedFor(caseId)).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    await db.query(
      `UPDATE parked_events SET parked_at = now() - $2 * interval '1 millisecond'
        WHERE consumer = $1 AND event_id = $3`,
      [bed.group, PARKING_LIFETIME_MS + 60_000, request.id],
    );
    await bed.get(ParkedEvents).sweep();
    const [letter] = await eventually(
      () => {
        const letters = lettersFor(caseId);
        expect(letters).toHaveLength(1);
        return letters;
      },
      { timeoutMs: 30_000 },
    );
    expect(letter?.topic).toBe(deadLetterTopicOf(TOPICS.intakeReferrals));
    expect(letter?.headers['dlq-reason']).toBe('workflow-not-started');
    expect(letter?.headers['dlq-detail']).toContain(reintegrationPathWorkflowId(caseId));
    expect(JSON.parse(letter?.value ?? '{}')).toMatchObject({ id: request.id });
    expect(await parkedFor(caseId)).toEqual([]);
  });

  it('signals a withdrawal to a path no worker serves, and dead-letters an update to it at once', async () => {
    const caseId = randomUUID();
    const workflowId = reintegrationPathWorkflowId(caseId);
    const openedByEventId = randomUUID();
    // A path on a task queue nobody polls (another deployment's, or an abandoned one).
    await bed.temporal.workflow.signalWithStart(REINTEGRATION_PATH_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: `nobody-${randomUUID().slice(0, 8)}`,
      args: [
        { caseId, municipalityCode: MUNICIPALITY, minor: false, openedAt: now(), openedByEventId },
      ],
      signal: caseEventSignal,
      signalArgs: [
        { eventId: openedByEventId, type: returneeRegisteredV1.type, occurredAt: now() },
      ],
    });
    const path = bed.temporal.workflow.getHandle(workflowId);
    const withdrawal = await bed.send(consentWithdrawnV1, caseId, {
      consentId: randomUUID(),
      caseId,
      purpose: 'service-referral' as const,
      scope: 'employment',
      formVersion: 'recepcion-2026-12-v1',
      withdrawnAt: now(),
    });
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT 1 FROM inbox_messages WHERE consumer = $1 AND event_id = $2`,
          [bed.group, withdrawal.id],
        );
        expect(rows).toHaveLength(1);
      },
      { timeoutMs: 60_000 },
    );
    const history = await path.fetchHistory();
    const signals = (history.events ?? []).map(
      (event) => event.workflowExecutionSignaledEventAttributes?.signalName,
    );
    expect(signals).toContain('withdrawConsentSignal');

    // An update needs a worker: dead-lettered after one try, not retried in line.
    await bed.assessed(caseId);
    const [letter] = await eventually(
      () => {
        const letters = lettersFor(caseId);
        expect(letters).toHaveLength(1);
        return letters;
      },
      { timeoutMs: 90_000 },
    );
    expect(letter?.headers['dlq-reason']).toBe('rejected:workflow.no-worker');
    await path.terminate('test done');
  });
});
