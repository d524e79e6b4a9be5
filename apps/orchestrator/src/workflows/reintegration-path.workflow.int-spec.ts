import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  approveClosureUpdate,
  caseEventSignal,
  historySummaryQuery,
  nextFollowUpQuery,
  openReferralsQuery,
  pathEventUpdate,
  pathSearchAttributes,
  pathStateQuery,
  reassignOfficerUpdate,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  referralStatusUpdate,
  referralWorkflowId,
  reintegrationPathWorkflowId,
  requestReferralUpdate,
  setPausedUpdate,
  transferMunicipalityUpdate,
  type ReintegrationPathInput,
  type RequestReferral,
} from '@reintegra/workflow-contracts';
import { workspaceWebpackConfigHook } from '@reintegra/platform-temporal';
import { eventually } from '@reintegra/testing';
import { workflowsSourcePath } from '../worker/reintegration-worker.service';
import type {
  NextProviderRequest,
  PathActivities,
  PathEventPublication,
} from './path-activities.types';

/**
 * The reintegration path workflow on Temporal's time-skipping test server (installed by
 * infra/stack.sh from PyPI; TEMPORAL_TEST_SERVER_PATH points at it): months pass in seconds.
 * Activities are in-memory fakes: what the workflows publish is recorded and asserted.
 * `RECORD_HISTORY_FIXTURES=1` writes the full path's history to __fixtures__ for the replay test.
 */
const testServerPath = process.env['TEMPORAL_TEST_SERVER_PATH'];
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = 'reintegration-path-test';
const published: PathEventPublication[] = [];
const directory: Record<string, string[]> = { education: ['edu-fallback'] };
const activities: PathActivities = {
  async publishPathEvent(publication) {
    published.push(publication);
  },
  async nextEligibleProvider(request: NextProviderRequest) {
    return (directory[request.service] ?? []).find((id) => !request.exclude.includes(id)) ?? null;
  },
};

beforeAll(async () => {
  if (!testServerPath) {
    throw new Error(
      'TEMPORAL_TEST_SERVER_PATH is not set: run `eval "$(bash infra/stack.sh env)"` first',
    );
  }
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
  // The test server starts empty: register the path's search attributes as infra/ does.
  const indexedType = temporal.api.enums.v1.IndexedValueType;
  const typeByName: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: indexedType.INDEXED_VALUE_TYPE_KEYWORD,
    INT: indexedType.INDEXED_VALUE_TYPE_INT,
    DATETIME: indexedType.INDEXED_VALUE_TYPE_DATETIME,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(pathSearchAttributes).map((key) => [key.name, typeByName[key.type]]),
    ),
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities,
    workflowsPath: workflowsSourcePath(),
    bundlerOptions: { webpackConfigHook: workspaceWebpackConfigHook() },
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

function input(overrides: Partial<ReintegrationPathInput> = {}): ReintegrationPathInput {
  return {
    caseId: randomUUID(),
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    minor: true,
    openedAt: '2026-11-20T15:00:00.000Z',
    openedByEventId: randomUUID(),
    ...overrides,
  };
}

function startPath(start: ReintegrationPathInput) {
  return env.client.workflow.signalWithStart(REINTEGRATION_PATH_WORKFLOW_TYPE, {
    workflowId: reintegrationPathWorkflowId(start.caseId),
    taskQueue,
    args: [start],
    signal: caseEventSignal,
    signalArgs: [
      {
        eventId: start.openedByEventId,
        type: 'sv.reintegra.returnee.registered.v1',
        occurredAt: start.openedAt,
      },
    ],
  });
}

const at = () => new Date().toISOString();
/** The test server's time (it skips ahead while workflows sleep). */
const serverNow = async () => new Date(await env.currentTimeMs()).toISOString();

async function rejected(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause?.message ?? '';
  }
  throw new Error('expected the update to be rejected');
}

function status(referralId: string, providerId: string, value: string) {
  return env.client.workflow
    .getHandle(referralWorkflowId(referralId))
    .executeUpdate(referralStatusUpdate, {
      args: [{ eventId: randomUUID(), providerId, status: value as never, occurredAt: at() }],
    });
}

async function searchAttribute(handle: WorkflowHandle, name: keyof typeof pathSearchAttributes) {
  const description = await handle.describe();
  return description.typedSearchAttributes.get(pathSearchAttributes[name] as never);
}

describe('reintegrationPath workflow', () => {
  it('opens in the intake phase and stays alive for months', async () => {
    const start = input();
    const handle = await env.client.workflow.start(REINTEGRATION_PATH_WORKFLOW_TYPE, {
      workflowId: reintegrationPathWorkflowId(start.caseId),
      taskQueue,
      args: [start],
    });
    await env.sleep('400 days');
    const state = await handle.query(pathStateQuery);
    expect(state).toMatchObject({ caseId: start.caseId, phase: 'intake', minor: true });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test done');
  });

  it('records each case event once, whatever the redeliveries, and ignores invalid signals', async () => {
    const start = input();
    const handle = await startPath(start);
    const later = {
      eventId: randomUUID(),
      type: 'sv.reintegra.consent.granted.v1',
      occurredAt: '2026-11-21T10:00:00.000Z',
    };
    await handle.signal(caseEventSignal, later);
    await handle.signal(caseEventSignal, later);
    await handle.signal(caseEventSignal, { type: 'no id' } as never);
    const state = await handle.query(pathStateQuery);
    expect(state.history.map((entry) => entry.eventType)).toEqual([
      'sv.reintegra.returnee.registered.v1',
      'sv.reintegra.consent.granted.v1',
    ]);
    await handle.terminate('test done');
  });

  it('runs a full 12-month path in seconds: plan, referrals, escalation, bundle, waves, closure', async () => {
    const start = input();
    const handle = await startPath(start);
    const mine = () => published.filter((publication) => publication.caseId === start.caseId);
    const assessmentId = randomUUID();
    const assessment = {
      kind: 'assessment-completed' as const,
      eventId: assessmentId,
      occurredAt: at(),
      riskLevel: 'high' as const,
      scores: { economic: 0.6, social: 0.7, psychosocial: 0.5 },
    };
    await handle.executeUpdate(pathEventUpdate, { args: [assessment] });
    await handle.executeUpdate(pathEventUpdate, {
      args: [
        {
          kind: 'plan-approved',
          eventId: randomUUID(),
          // The approval's business date: follow-ups run from it, on the test server's clock.
          occurredAt: await serverNow(),
          assignedOfficer: 'officer-1',
        },
      ],
    });
    expect((await handle.query(pathStateQuery)).phase).toBe('plan-approved');

    // Requested "now" on the test server's clock (months ahead of the wall clock by now).
    const requestedAt = await serverNow();
    const request = (overrides: Partial<RequestReferral>): RequestReferral => ({
      eventId: randomUUID(),
      referralId: randomUUID(),
      service: 'employment',
      priority: 'normal',
      providerIds: ['p-1'],
      requestedAt,
      ...overrides,
    });
    const emergency = request({
      service: 'employment',
      priority: 'emergency',
      providerIds: ['emp-1'],
    });
    const urgent = request({
      service: 'education',
      priority: 'urgent',
      providerIds: ['edu-1', 'edu-2'],
      askInParallel: 1,
    });
    const bundle = request({
      service: 'psychosocial',
      priority: 'normal',
      providerIds: ['psy-1', 'psy-2', 'psy-3'],
    });
    for (const referral of [emergency, urgent, bundle]) {
      await handle.executeUpdate(requestReferralUpdate, { args: [referral] });
    }
    // A redelivered request is answered, not started twice.
    await handle.executeUpdate(requestReferralUpdate, { args: [emergency] });
    const open = await handle.query(openReferralsQuery);
    expect(open.map((referral) => referral.priority)).toEqual(['emergency', 'urgent', 'normal']);

    await status(emergency.referralId, 'emp-1', 'accepted');
    await status(bundle.referralId, 'psy-2', 'accepted');
    await eventually(async () =>
      expect((await handle.query(pathStateQuery)).phase).toBe('in-services'),
    );
    // Bundle: the first acceptance wins, the others are withdrawn.
    await eventually(() =>
      expect(
        mine()
          .filter((p) => p.kind === 'referral-routed' && p.data.action === 'withdrawn')
          .map((p) => (p.kind === 'referral-routed' ? p.data.providerId : '')),
      ).toEqual(['psy-1', 'psy-3']),
    );

    // Nobody acknowledges the urgent referral within 72 h: escalation, then re-routing to edu-2.
    await env.sleep('73 hours');
    const rerouted = await eventually(async () => {
      const referral = (await handle.query(openReferralsQuery)).find(
        (r) => r.referralId === urgent.referralId,
      );
      expect(referral).toMatchObject({ providerIds: ['edu-2'], escalations: 1, overdue: false });
      return referral;
    });
    expect(rerouted?.acknowledgeBy).toBeDefined();
    const escalation = mine().find((p) => p.kind === 'referral-escalated');
    expect(escalation?.data).toMatchObject({
      referralId: urgent.referralId,
      providerIds: ['edu-1'],
      escalation: 1,
    });
    await status(urgent.referralId, 'edu-2', 'accepted');
    for (const [referral, provider] of [
      [emergency, 'emp-1'],
      [urgent, 'edu-2'],
      [bundle, 'psy-2'],
    ] as const) {
      await status(referral.referralId, provider, 'completed');
    }
    await eventually(async () => expect(await handle.query(openReferralsQuery)).toEqual([]));

    // Supervisor actions, with their validators.
    await handle.executeUpdate(reassignOfficerUpdate, {
      args: [{ supervisorId: 'sup-1', officerId: 'officer-2' }],
    });
    await handle.executeUpdate(setPausedUpdate, {
      args: [{ supervisorId: 'sup-1', paused: true, reasonCode: 'hospitalised' }],
    });
    expect(await handle.query(nextFollowUpQuery)).toMatchObject({ wave: 1 });
    await handle.executeUpdate(setPausedUpdate, {
      args: [{ supervisorId: 'sup-1', paused: false, reasonCode: 'back' }],
    });

    // Three follow-up waves at about 3, 6 and 12 months.
    await env.sleep('92 days');
    await eventually(async () =>
      expect(await handle.query(pathStateQuery)).toMatchObject({ phase: 'follow-up' }),
    );
    await handle.executeUpdate(pathEventUpdate, {
      args: [
        {
          kind: 'follow-up-scored',
          eventId: randomUUID(),
          occurredAt: at(),
          wave: 1,
          scores: { economic: 0.4, social: 0.7, psychosocial: 0.55 },
        },
      ],
    });
    await env.sleep('91 days');
    await eventually(async () =>
      expect(await handle.query(nextFollowUpQuery)).toMatchObject({ wave: 3 }),
    );
    expect(await searchAttribute(handle, 'casePhase')).toBe('follow-up');
    expect(await searchAttribute(handle, 'assignedOfficer')).toBe('officer-2');
    expect(await searchAttribute(handle, 'riskLevel')).toBe('high');
    expect(await searchAttribute(handle, 'overdueReferrals')).toBe(0);
    expect(await searchAttribute(handle, 'nextFollowUpAt')).toBeInstanceOf(Date);
    await env.sleep('184 days');
    await eventually(async () => expect(await handle.query(nextFollowUpQuery)).toBeNull());

    expect(
      await rejected(
        handle.executeUpdate(reassignOfficerUpdate, {
          args: [{ supervisorId: 'sup-1', officerId: 'officer-2' }],
        }),
      ),
    ).toMatch(/already assigned/);

    // A redelivered fact is accepted and has no second effect.
    await handle.executeUpdate(pathEventUpdate, { args: [assessment] });
    const summary = await handle.query(historySummaryQuery);
    expect(summary.byEventType['path.assessment-completed']).toBe(1);

    await handle.executeUpdate(approveClosureUpdate, {
      args: [{ supervisorId: 'sup-1', reason: 'reintegrated' }],
    });
    const final = await handle.result();
    expect(final).toMatchObject({
      phase: 'closed',
      closure: { reason: 'reintegrated', approvedBy: 'sup-1' },
    });
    await eventually(() => {
      const kinds = mine().map((p) => p.kind);
      expect(kinds.filter((kind) => kind === 'follow-up-due')).toHaveLength(3);
      expect(kinds.filter((kind) => kind === 'referral-proposed')).toHaveLength(1);
      // The economic dimension dropped 0.6 → 0.4: work is proposed.
      expect(mine().find((p) => p.kind === 'referral-proposed')?.data).toMatchObject({
        dimension: 'economic',
        service: 'employment',
      });
      expect(
        mine()
          .filter((p) => p.kind === 'phase-changed')
          .map((p) => (p.kind === 'phase-changed' ? p.data.to : '')),
      ).toEqual(['assessed', 'plan-approved', 'in-services', 'follow-up', 'closed']);
    });

    if (process.env['RECORD_HISTORY_FIXTURES'] === '1') {
      const history = await handle.fetchHistory();
      writeFileSync(
        join(__dirname, '__fixtures__/reintegration-path.v2.history.json'),
        `${JSON.stringify(history, null, 2)}\n`,
      );
    }
  });

  it('measures a referral deadline from its business date: one made days ago is overdue at once', async () => {
    const start = input();
    const handle = await startPath(start);
    const nowMs = await env.currentTimeMs();
    const fiveDaysAgo = new Date(nowMs - 5 * 24 * 3_600_000).toISOString();
    const late = {
      eventId: randomUUID(),
      referralId: randomUUID(),
      service: 'housing' as const,
      priority: 'urgent' as const,
      providerIds: ['house-1'],
      requestedAt: fiveDaysAgo,
    };
    const current = {
      ...late,
      eventId: randomUUID(),
      referralId: randomUUID(),
      requestedAt: await serverNow(),
    };
    for (const referral of [late, current]) {
      await handle.executeUpdate(requestReferralUpdate, { args: [referral] });
    }
    // The 72 h deadline of the one requested five days ago passed two days ago: escalated now,
    // without any time passing; the one requested now keeps its full 72 h.
    const escalated = await eventually(() => {
      const found = published.find(
        (p) => p.kind === 'referral-escalated' && p.data.referralId === late.referralId,
      );
      if (!found || found.kind !== 'referral-escalated') throw new Error('not escalated yet');
      return found;
    });
    expect(Date.parse(escalated.data.acknowledgeBy)).toBe(Date.parse(fiveDaysAgo) + 72 * 3_600_000);
    const open = await handle.query(openReferralsQuery);
    expect(open.find((r) => r.referralId === current.referralId)).toMatchObject({
      escalations: 0,
      overdue: false,
      acknowledgeBy: new Date(Date.parse(current.requestedAt) + 72 * 3_600_000).toISOString(),
    });
    expect(
      published.some(
        (p) => p.kind === 'referral-escalated' && p.data.referralId === current.referralId,
      ),
    ).toBe(false);
    await handle.terminate('test done');
  });

  it('a plan approved on paper 95 days ago has its first follow-up due at once, the next from that date', async () => {
    const handle = await startPath(input());
    const day = 86_400_000;
    const approvedAt = new Date((await env.currentTimeMs()) - 95 * day).toISOString();
    await handle.executeUpdate(pathEventUpdate, {
      args: [
        {
          kind: 'assessment-completed',
          eventId: randomUUID(),
          occurredAt: approvedAt,
          riskLevel: 'medium',
          scores: { economic: 0.5, social: 0.5, psychosocial: 0.5 },
        },
      ],
    });
    await handle.executeUpdate(pathEventUpdate, {
      args: [{ kind: 'plan-approved', eventId: randomUUID(), occurredAt: approvedAt }],
    });
    await eventually(async () =>
      expect(await handle.query(nextFollowUpQuery)).toEqual({
        wave: 2,
        dueAt: new Date(Date.parse(approvedAt) + 182 * day).toISOString(),
      }),
    );
    expect((await handle.query(pathStateQuery)).history.map((e) => e.eventType)).toContain(
      'path.follow-up-due.1',
    );
    await handle.terminate('test done');
  });

  it('rejects bad input with update validators and keeps running', async () => {
    const handle = await startPath(input());
    expect(
      await rejected(
        handle.executeUpdate(pathEventUpdate, {
          args: [{ kind: 'plan-approved', eventId: randomUUID(), occurredAt: at() }],
        }),
      ),
    ).toMatch(/no plan approval in intake/);
    expect(
      await rejected(
        handle.executeUpdate(pathEventUpdate, { args: [{ kind: 'nonsense' } as never] }),
      ),
    ).toMatch(/invalid path event/);
    expect(
      await rejected(
        handle.executeUpdate(approveClosureUpdate, {
          args: [{ supervisorId: 'sup-1', reason: 'reintegrated' }],
        }),
      ),
    ).toMatch(/follow-up/);
    expect(
      await rejected(
        handle.executeUpdate(setPausedUpdate, {
          args: [{ supervisorId: 'sup-1', paused: false, reasonCode: 'x' }],
        }),
      ),
    ).toMatch(/not paused/);
    const referralId = randomUUID();
    await handle.executeUpdate(requestReferralUpdate, {
      args: [
        {
          eventId: randomUUID(),
          referralId,
          service: 'health',
          priority: 'normal',
          providerIds: ['clinic-1'],
          requestedAt: await serverNow(),
        },
      ],
    });
    // A provider that was never asked, and a completion before any acceptance: both illegal.
    expect(await rejected(status(referralId, 'clinic-9', 'accepted'))).toMatch(/not asked/);
    expect(await rejected(status(referralId, 'clinic-1', 'completed'))).toMatch(
      /not possible before acceptance/,
    );
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await handle.query(pathStateQuery)).phase).toBe('intake');
    await handle.executeUpdate(approveClosureUpdate, {
      args: [{ supervisorId: 'sup-1', reason: 're-migrated' }],
    });
    expect((await handle.result()).phase).toBe('closed');
  });
  // Last: after a continue-as-new the time-skipping test server stops skipping time (a test
  // server quirk), so this test sleeps no more.
  it('continues as new with compact state and still drops redelivered events', async () => {
    const start = input({ config: { maxHistoryEvents: 20 } });
    const handle = await startPath(start);
    const events = Array.from({ length: 12 }, (_, i) => ({
      eventId: randomUUID(),
      type: 'sv.reintegra.consent.granted.v1',
      occurredAt: new Date(Date.UTC(2026, 10, 21, i)).toISOString(),
    }));
    for (const event of events) await handle.signal(caseEventSignal, event);
    await eventually(async () =>
      expect((await handle.query(historySummaryQuery)).runs).toBeGreaterThan(1),
    );
    const before = await handle.query(pathStateQuery);
    for (const event of events) await handle.signal(caseEventSignal, event);
    await handle.signal(caseEventSignal, {
      eventId: start.openedByEventId,
      type: 'sv.reintegra.returnee.registered.v1',
      occurredAt: start.openedAt,
    });
    const after = await handle.query(pathStateQuery);
    expect(after.history).toEqual(before.history);
    expect(after.history).toHaveLength(13);
    await handle.terminate('test done');
  });

  it('keeps a transferred path in its new municipality across continue-as-new', async () => {
    const handle = await startPath(input({ config: { maxHistoryEvents: 20 } }));
    const transfer = {
      eventId: randomUUID(),
      transferId: randomUUID(),
      municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
    };
    await handle.executeUpdate(transferMunicipalityUpdate, { args: [transfer] });
    expect(
      await rejected(
        handle.executeUpdate(transferMunicipalityUpdate, {
          args: [{ ...transfer, eventId: randomUUID() }],
        }),
      ),
    ).toMatch(/already in that municipality/);
    for (let i = 0; i < 12; i += 1) {
      await handle.signal(caseEventSignal, {
        eventId: randomUUID(),
        type: 'sv.reintegra.consent.granted.v1',
        occurredAt: new Date(Date.UTC(2026, 10, 21, i)).toISOString(),
      });
    }
    await eventually(async () =>
      expect((await handle.query(historySummaryQuery)).runs).toBeGreaterThan(1),
    );
    expect((await handle.query(pathStateQuery)).municipalityCode).toBe(transfer.municipalityCode);
    expect(await searchAttribute(handle, 'municipality')).toBe(transfer.municipalityCode);
    await handle.terminate('test done');
  });
});
