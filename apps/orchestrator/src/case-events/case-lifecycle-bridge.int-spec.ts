import { randomUUID } from 'node:crypto';
import {
  assessmentCompletedV1,
  caseClosedV1,
  caseTransferredV1,
  deadLetterTopicOf,
  episodeOpenedV1,
  parseEvent,
  planApprovedV1,
  referralRequestedV1,
  referralStatusChangedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import {
  type CasePhase,
  openReferralsQuery,
  pathStateQuery,
  referralProgressQuery,
  referralWorkflowId,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import {
  OrchestratorTestBed,
  TEST_MUNICIPALITY as MUNICIPALITY,
} from '../testing/orchestrator-test-bed';

/**
 * A whole reintegration path driven only by Kafka events, as intake and the services publish them,
 * against the Temporal dev server: registration → assessment → plan approval → a referral accepted
 * and completed → closure. Then a restarted orchestrator picks up every path where it was.
 */
jest.setTimeout(300_000);
const bed = new OrchestratorTestBed([
  TOPICS.pathEvents,
  deadLetterTopicOf(TOPICS.intakeReturnees),
  deadLetterTopicOf(TOPICS.referralStatus),
  deadLetterTopicOf(TOPICS.intakeReferrals),
]);
const ELSEWHERE = 'SV-SS-SAN-SALVADOR-CENTRO';

beforeAll(() => bed.start(), 180_000);
afterAll(() => bed.stop());

const now = () => new Date().toISOString();
const countWhere = async (query: string) => (await bed.temporal.workflow.count(query)).count;

function planApproved(caseId: string) {
  return bed.send(planApprovedV1, caseId, {
    caseId,
    planId: randomUUID(),
    planVersion: 2,
    goalDimensions: ['economic'],
    proposedReferrals: 1,
    approvedBy: 'user:supervisora',
    assignedOfficer: 'user:oficial-1',
    approvedAt: now(),
  });
}

const pathOf = (caseId: string) =>
  bed.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));

async function phaseBecomes(caseId: string, phase: CasePhase, timeoutMs = 60_000) {
  await eventually(
    async () => expect((await pathOf(caseId).query(pathStateQuery)).phase).toBe(phase),
    { timeoutMs },
  );
}

function phaseChanges(caseId: string): string[] {
  return bed.recorder.messages
    .filter((m) => m.topic === TOPICS.pathEvents && m.key === caseId)
    .map((m) => parseEvent(m.value))
    .flatMap((p) =>
      p.ok && p.event.type === 'sv.reintegra.path.phase-changed.v1'
        ? [(p.event.data as { to: string }).to]
        : [],
    );
}

describe('case lifecycle events through the bridge', () => {
  it('drives a path from registration to closure and publishes every phase change', async () => {
    const caseId = randomUUID();
    await bed.register(caseId);
    await phaseBecomes(caseId, 'intake', 120_000);

    const assessment = await bed.assessed(caseId);
    await bed.send(assessmentCompletedV1, caseId, assessment.data, assessment.id); // redelivered
    await phaseBecomes(caseId, 'assessed');
    expect(await pathOf(caseId).query(pathStateQuery)).toMatchObject({ riskLevel: 'high' });

    await planApproved(caseId);
    await phaseBecomes(caseId, 'plan-approved');
    expect(await pathOf(caseId).query(pathStateQuery)).toMatchObject({
      assignedOfficer: 'user:oficial-1',
    });

    const referralId = randomUUID();
    await bed.send(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'normal',
      providerIds: ['emp-a'],
      acknowledgeBy: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
      requestedAt: now(),
      consentId: randomUUID(),
    });
    const report = (status: 'accepted' | 'completed') =>
      bed.send(referralStatusChangedV1, caseId, {
        referralId,
        caseId,
        service: 'employment',
        providerId: 'emp-a',
        status,
        ...(status === 'completed' ? { reasonCode: 'hired' } : {}),
        occurredAt: now(),
      });
    const referral = bed.temporal.workflow.getHandle(referralWorkflowId(referralId));
    await eventually(
      async () => expect((await referral.query(referralProgressQuery)).status).toBe('sent'),
      { timeoutMs: 60_000 },
    );
    await report('accepted');
    await phaseBecomes(caseId, 'in-services');
    await report('completed');
    await eventually(
      async () => expect(await pathOf(caseId).query(openReferralsQuery)).toEqual([]),
      { timeoutMs: 60_000 },
    );

    const closure = await bed.send(caseClosedV1, caseId, {
      caseId,
      reason: 'disengaged',
      approvedBy: 'user:supervisora',
      closedAt: now(),
    });
    await eventually(
      async () => expect((await pathOf(caseId).describe()).status.name).toBe('COMPLETED'),
      { timeoutMs: 60_000 },
    );
    const final = await pathOf(caseId).result();
    expect(final).toMatchObject({ phase: 'closed', closure: { reason: 'disengaged' } });
    await eventually(
      () =>
        expect(phaseChanges(caseId)).toEqual([
          'assessed',
          'plan-approved',
          'in-services',
          'closed',
        ]),
      { timeoutMs: 30_000 },
    );
    // The same closure delivered again changes nothing and dead-letters nothing.
    await bed.send(caseClosedV1, caseId, closure.data, closure.id);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const deadForCase = bed.recorder.messages.filter(
      (m) => m.topic === deadLetterTopicOf(TOPICS.intakeReturnees) && m.key === caseId,
    );
    expect(deadForCase).toEqual([]);

    // A referral for the closed case is final at once (the path finished), not retried in line.
    const late = Date.now();
    await bed.send(referralRequestedV1, caseId, {
      referralId: randomUUID(),
      caseId,
      service: 'education',
      priority: 'normal',
      providerIds: ['edu-a'],
      acknowledgeBy: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
      requestedAt: now(),
      consentId: randomUUID(),
    });
    const dead = await eventually(
      () => {
        const found = bed.recorder.messages.find(
          (m) => m.topic === deadLetterTopicOf(TOPICS.intakeReferrals) && m.key === caseId,
        );
        if (!found) throw new Error('not dead-lettered yet');
        return found;
      },
      { timeoutMs: 30_000 },
    );
    expect(dead.headers['dlq-reason']).toBe('rejected:workflow.closed');
    console.log(`late referral for a closed case dead-lettered after ${Date.now() - late} ms`);
  });

  it('dead-letters an illegal phase fact with the reason and keeps the path running', async () => {
    const caseId = randomUUID();
    await bed.register(caseId);
    await phaseBecomes(caseId, 'intake', 120_000);
    await planApproved(caseId); // no assessment yet
    const dead = await eventually(
      () => {
        const found = bed.recorder.messages.find(
          (m) => m.topic === deadLetterTopicOf(TOPICS.intakeReturnees) && m.key === caseId,
        );
        if (!found) throw new Error('nothing dead-lettered yet');
        return found;
      },
      { timeoutMs: 60_000 },
    );
    expect(dead.headers['dlq-reason']).toBe('rejected:workflow.update-rejected');
    expect(dead.headers['dlq-detail']).toMatch(/no plan approval in intake/);
    await bed.assessed(caseId);
    await phaseBecomes(caseId, 'assessed');
    expect((await pathOf(caseId).describe()).status.name).toBe('RUNNING');
    await pathOf(caseId).terminate('test done');
  });

  it('moves a transferred case’s path to the new municipality; an open referral keeps its deadline', async () => {
    const caseId = randomUUID();
    const path = bed.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    const byId = `WorkflowId = '${reintegrationPathWorkflowId(caseId)}'`;
    await bed.register(caseId);
    await bed.send(referralRequestedV1, caseId, {
      referralId: randomUUID(),
      caseId,
      service: 'employment',
      priority: 'urgent',
      providerIds: ['emp-a'],
      acknowledgeBy: new Date(Date.now() + 72 * 3600_000).toISOString(),
      requestedAt: now(),
      consentId: randomUUID(),
    });
    const deadline = await eventually(
      async () => {
        const [referral] = await path.query(openReferralsQuery);
        expect(referral?.acknowledgeBy).toBeDefined();
        return referral?.acknowledgeBy;
      },
      { timeoutMs: 120_000 },
    );
    await eventually(async () =>
      expect(await countWhere(`${byId} AND Municipality = '${MUNICIPALITY}'`)).toBe(1),
    );

    const transfer = await bed.send(caseTransferredV1, caseId, {
      caseId,
      transferId: randomUUID(),
      fromMunicipalityCode: MUNICIPALITY,
      toMunicipalityCode: ELSEWHERE,
      requestedBy: 'user:oficial-la-paz',
      acceptedBy: 'user:supervisora-san-salvador',
      transferredAt: now(),
    });
    await eventually(
      async () => expect(await countWhere(`${byId} AND Municipality = '${ELSEWHERE}'`)).toBe(1),
      { timeoutMs: 60_000 },
    );
    expect(await countWhere(`${byId} AND Municipality = '${MUNICIPALITY}'`)).toBe(0);
    const state = await path.query(pathStateQuery);
    expect(state).toMatchObject({ municipalityCode: ELSEWHERE, phase: 'intake' });
    expect(state.history.map((entry) => entry.eventType)).toContain('path.transferred');
    const [referral] = await path.query(openReferralsQuery);
    expect(referral?.acknowledgeBy).toBe(deadline);

    // Delivered again (same event id): nothing changes, nothing is dead-lettered.
    await bed.send(caseTransferredV1, caseId, transfer.data, transfer.id);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const dead = bed.recorder.messages.filter(
      (m) => m.topic === deadLetterTopicOf(TOPICS.intakeReturnees) && m.key === caseId,
    );
    expect(dead).toEqual([]);
    expect(
      (await path.query(pathStateQuery)).history.filter((e) => e.eventType === 'path.transferred'),
    ).toHaveLength(1);
    await path.terminate('test done');
  });

  it('resumes every path where it was after the orchestrator restarts', async () => {
    const cases = [randomUUID(), randomUUID(), randomUUID()];
    for (const caseId of cases) await bed.register(caseId);
    for (const caseId of cases) await phaseBecomes(caseId, 'intake', 120_000);
    for (const caseId of cases) await bed.assessed(caseId);
    for (const caseId of cases) await phaseBecomes(caseId, 'assessed');

    await bed.stopApp();
    // While it is down: plans are approved and a returnee comes back (a new episode).
    for (const caseId of cases) await planApproved(caseId);
    const secondReturn = randomUUID();
    await bed.send(episodeOpenedV1, secondReturn, {
      caseId: secondReturn,
      returneeId: randomUUID(),
      episodeNumber: 2,
      previousCaseId: cases[0],
      municipalityCode: MUNICIPALITY,
      returnDate: '2026-11-25',
      countryReturnedFrom: 'MX',
      minor: false,
      openedAt: now(),
    });
    // Nothing answers for the paths now (no worker), yet nothing is lost either.
    expect((await pathOf(cases[0]).describe()).status.name).toBe('RUNNING');

    await bed.startApp();
    for (const caseId of cases) await phaseBecomes(caseId, 'plan-approved', 120_000);
    await phaseBecomes(secondReturn, 'intake', 120_000);
    for (const caseId of [...cases, secondReturn]) await pathOf(caseId).terminate('test done');
  });
});
