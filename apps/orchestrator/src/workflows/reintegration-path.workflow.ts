import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  approveClosureSchema,
  approveClosureUpdate,
  caseEventSignal,
  caseEventSignalSchema,
  DEFAULT_PATH_CONFIG,
  historySummaryQuery,
  nextFollowUpQuery,
  openReferralsQuery,
  pathEventSchema,
  pathEventUpdate,
  pathSearchAttributes,
  pathStateQuery,
  pauseSchema,
  reassignOfficerSchema,
  reassignOfficerUpdate,
  REFERRAL_WORKFLOW_TYPE,
  referralProgressSignal,
  referralWorkflowId,
  requestReferralSchema,
  requestReferralUpdate,
  setPausedUpdate,
  type CasePhase,
  type ClosureReason,
  type Dimension,
  type OpenReferral,
  type PathConfig,
  type PathEvent,
  type PathHistoryEntry,
  type PathSnapshot,
  type PathState,
  type ReintegrationPathInput,
  type RiskLevel,
} from '@reintegra/workflow-contracts';
import { type PathEventPublication } from './path-activities.types';
import { publishPendingPathEvents } from './publish-path-events';
import {
  appendHistory,
  closureProblem,
  countByEventType,
  droppedDimensions,
  isOpen,
  nextFollowUpDueMs,
  nextPhase,
  remember,
  type PhaseTrigger,
} from './path-model';
import type { referralWorkflow } from './referral.workflow';

/**
 * Version marker of the path with phases, referrals, follow-up waves and supervisor updates.
 * Paths started before it (recorded in __fixtures__/reintegration-path.v1.history.json) replay
 * and carry on with the first version's code, below.
 */
export const PATH_V2_PATCH = 'reintegration-path-v2';

const HISTORY_CAP = 100;
const SEEN_IDS_CAP = 2_000;
const TERMINAL_REFERRAL = ['completed', 'not-completed', 'revoked', 'withdrawn'];

/**
 * One returnee case's reintegration path, from intake to closure (months). Deterministic and
 * Nest-free: state changes only through signals, updates and durable timers; side effects go
 * through activities. It keeps ids and a compact history, never documents, and continues as new
 * before its history grows large.
 */
export async function reintegrationPath(input: ReintegrationPathInput): Promise<PathState> {
  if (!patched(PATH_V2_PATCH)) return reintegrationPathV1(input);

  const config: PathConfig = { ...DEFAULT_PATH_CONFIG, ...input.config };
  const carried = input.carried;
  const s = {
    phase: carried?.phase ?? ('intake' as CasePhase),
    paused: carried?.paused ?? false,
    riskLevel: carried?.riskLevel as RiskLevel | undefined,
    assignedOfficer: carried?.assignedOfficer,
    planApprovedAt: carried?.planApprovedAt,
    wavesDone: carried?.wavesDone ?? 0,
    baseline: { ...(carried?.baseline ?? {}) } as Partial<Record<Dimension, number>>,
    referrals: [...(carried?.referrals ?? [])] as OpenReferral[],
    closedReferrals: carried?.closedReferrals ?? 0,
    closure: carried?.closure,
    seenEventIds: [...(carried?.seenEventIds ?? [input.openedByEventId])],
    history: [
      ...(carried?.history ?? [
        {
          at: input.openedAt,
          eventType: 'sv.reintegra.returnee.registered.v1',
          phase: 'intake' as CasePhase,
        },
      ]),
    ] as PathHistoryEntry[],
    historyDropped: carried?.historyDropped ?? 0,
    runs: carried?.runs ?? 1,
  };
  const seen = new Set(s.seenEventIds);
  const pending: PathEventPublication[] = [];
  let version = 0;

  const now = () => new Date().toISOString();
  const changed = () => {
    version += 1;
  };
  const note = (eventType: string, at = now()) => {
    s.historyDropped += appendHistory(s.history, { at, eventType, phase: s.phase }, HISTORY_CAP);
    changed();
  };
  const markSeen = (eventId: string) => {
    seen.add(eventId);
    remember(s.seenEventIds, eventId, SEEN_IDS_CAP);
  };
  const publish = (publication: Omit<PathEventPublication, 'eventId' | 'caseId'>) => {
    pending.push({
      ...publication,
      eventId: uuid4(),
      caseId: input.caseId,
    } as PathEventPublication);
  };
  const move = (trigger: PhaseTrigger, reasonCode?: ClosureReason) => {
    const to = nextPhase(s.phase, trigger);
    if (to === undefined || to === s.phase) return;
    const from = s.phase;
    s.phase = to;
    note(`path.phase-changed.${to}`);
    publish({
      kind: 'phase-changed',
      data: {
        caseId: input.caseId,
        from,
        to,
        ...(reasonCode ? { reasonCode } : {}),
        occurredAt: now(),
      },
    });
  };
  const overdueCount = () =>
    s.referrals.filter((referral) => referral.overdue || referral.status === 'unrouted').length;
  const nextDueMs = () =>
    isOpen(s.phase)
      ? nextFollowUpDueMs(s.planApprovedAt, config.followUpDays, s.wavesDone)
      : undefined;
  const requireOpen = () => {
    if (!isOpen(s.phase)) throw new Error('the path is closed');
  };

  const state = (): PathState => {
    const due = nextDueMs();
    return {
      caseId: input.caseId,
      municipalityCode: input.municipalityCode,
      minor: input.minor,
      phase: s.phase,
      openedAt: input.openedAt,
      history: s.history,
      paused: s.paused,
      ...(s.riskLevel ? { riskLevel: s.riskLevel } : {}),
      ...(s.assignedOfficer ? { assignedOfficer: s.assignedOfficer } : {}),
      overdueReferrals: overdueCount(),
      ...(due !== undefined ? { nextFollowUpAt: new Date(due).toISOString() } : {}),
      ...(s.closure ? { closure: s.closure } : {}),
    };
  };
  const snapshot = (): PathSnapshot => ({
    ...s,
    seenEventIds: [...s.seenEventIds],
    history: [...s.history],
    runs: s.runs + 1,
  });

  // ---- Queries ----
  setHandler(pathStateQuery, state);
  setHandler(openReferralsQuery, () => s.referrals);
  setHandler(nextFollowUpQuery, () => {
    const due = nextDueMs();
    return due === undefined ? null : { wave: s.wavesDone + 1, dueAt: new Date(due).toISOString() };
  });
  setHandler(historySummaryQuery, () => ({
    phase: s.phase,
    entries: s.history.length + s.historyDropped,
    byEventType: countByEventType(s.history),
    recent: s.history.slice(-10),
    runs: s.runs,
  }));

  // ---- Signals ----
  setHandler(caseEventSignal, (signal) => {
    const parsed = caseEventSignalSchema.safeParse(signal);
    if (!parsed.success) {
      log.warn('Ignoring invalid case event signal', { issues: parsed.error.issues.length });
      return;
    }
    // Redelivered or replayed events have no second effect.
    if (seen.has(parsed.data.eventId)) return;
    markSeen(parsed.data.eventId);
    note(parsed.data.type, parsed.data.occurredAt);
  });

  setHandler(referralProgressSignal, (progress) => {
    const index = s.referrals.findIndex((referral) => referral.referralId === progress.referralId);
    const current = s.referrals[index];
    if (current === undefined) return;
    if (current.status !== progress.status) note(`referral.${progress.status}`);
    if (progress.escalations > current.escalations) note('referral.escalated');
    if (progress.status === 'accepted' || progress.status === 'in-progress')
      move('referral-accepted');
    if (TERMINAL_REFERRAL.includes(progress.status)) {
      s.referrals.splice(index, 1);
      s.closedReferrals += 1;
    } else {
      s.referrals[index] = {
        ...current,
        status: progress.status,
        providerIds: [...progress.providerIds],
        overdue: progress.overdue,
        escalations: progress.escalations,
        ...(progress.acknowledgeBy ? { acknowledgeBy: progress.acknowledgeBy } : {}),
      };
    }
    changed();
  });

  // ---- Updates (validators reject bad input; the workflow never fails because of it) ----
  const pathEventProblem = (event: PathEvent): string | undefined => {
    if (seen.has(event.eventId)) return undefined;
    if (!isOpen(s.phase)) return 'the path is closed';
    switch (event.kind) {
      case 'assessment-completed':
        return nextPhase(s.phase, 'assessment-completed')
          ? undefined
          : `no assessment in ${s.phase}`;
      case 'plan-approved':
        return nextPhase(s.phase, 'plan-approved') ? undefined : `no plan approval in ${s.phase}`;
      case 'follow-up-scored':
        return s.phase === 'follow-up' && event.wave <= s.wavesDone
          ? undefined
          : `follow-up wave ${event.wave} is not due`;
      case 'risk-changed':
        return undefined;
    }
  };
  setHandler(
    pathEventUpdate,
    (event) => {
      if (seen.has(event.eventId)) return state();
      markSeen(event.eventId);
      switch (event.kind) {
        case 'assessment-completed':
          s.riskLevel = event.riskLevel;
          s.baseline = { ...event.scores };
          note('path.assessment-completed', event.occurredAt);
          move('assessment-completed');
          break;
        case 'plan-approved':
          s.planApprovedAt = now();
          if (event.assignedOfficer) s.assignedOfficer = event.assignedOfficer;
          note('path.plan-approved', event.occurredAt);
          move('plan-approved');
          break;
        case 'follow-up-scored':
          note('path.follow-up-scored', event.occurredAt);
          for (const drop of droppedDimensions(
            s.baseline,
            event.scores,
            config.dimensionDropThreshold,
          )) {
            note(`path.referral-proposed.${drop.dimension}`);
            publish({
              kind: 'referral-proposed',
              data: { caseId: input.caseId, ...drop, wave: event.wave, proposedAt: now() },
            });
          }
          break;
        case 'risk-changed':
          s.riskLevel = event.riskLevel;
          note('path.risk-changed', event.occurredAt);
          break;
      }
      return state();
    },
    {
      validator: (event) => {
        const parsed = pathEventSchema.safeParse(event);
        if (!parsed.success) throw new Error(`invalid path event: ${parsed.error.message}`);
        const why = pathEventProblem(parsed.data);
        if (why) throw new Error(why);
      },
    },
  );

  setHandler(
    requestReferralUpdate,
    async (request) => {
      const known = s.referrals.find((referral) => referral.referralId === request.referralId);
      if (known) return known;
      if (seen.has(request.eventId) || seen.has(`referral:${request.referralId}`)) {
        throw new Error('the referral is already closed');
      }
      markSeen(request.eventId);
      markSeen(`referral:${request.referralId}`);
      const referral: OpenReferral = {
        referralId: request.referralId,
        service: request.service,
        priority: request.priority,
        status: 'requested',
        providerIds: request.providerIds.slice(
          0,
          request.askInParallel ?? request.providerIds.length,
        ),
        overdue: false,
        escalations: 0,
      };
      s.referrals.push(referral);
      note(`referral.requested.${request.priority}`);
      // Abandoned, not terminated, on close: the path continues as new while referrals run; on
      // closure it cancels them itself.
      await startChild<typeof referralWorkflow>(REFERRAL_WORKFLOW_TYPE, {
        workflowId: referralWorkflowId(request.referralId),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            caseId: input.caseId,
            municipalityCode: input.municipalityCode,
            pathWorkflowId: workflowInfo().workflowId,
            request,
            acknowledgementHours: config.acknowledgementHours[request.priority],
          },
        ],
      });
      return referral;
    },
    {
      validator: (request) => {
        const parsed = requestReferralSchema.safeParse(request);
        if (!parsed.success) throw new Error(`invalid referral request: ${parsed.error.message}`);
        requireOpen();
        const known = s.referrals.some(
          (referral) => referral.referralId === parsed.data.referralId,
        );
        if (!known && seen.has(`referral:${parsed.data.referralId}`)) {
          throw new Error('the referral is already closed');
        }
      },
    },
  );

  setHandler(
    approveClosureUpdate,
    async ({ eventId, supervisorId, reason }) => {
      if (eventId !== undefined && seen.has(eventId)) return state();
      if (eventId !== undefined) markSeen(eventId);
      const open = s.referrals.map((referral) => referral.referralId);
      s.closure = { reason, approvedBy: supervisorId, at: now() };
      note(`path.closure-approved.${reason}`);
      move('closure-approved', reason);
      s.referrals = [];
      s.closedReferrals += open.length;
      for (const referralId of open) {
        try {
          await getExternalWorkflowHandle(referralWorkflowId(referralId)).cancel();
        } catch (error) {
          log.warn('referral already finished', { error: (error as Error).message });
        }
      }
      return state();
    },
    {
      validator: (request) => {
        const parsed = approveClosureSchema.safeParse(request);
        if (!parsed.success) throw new Error(`invalid closure: ${parsed.error.message}`);
        if (parsed.data.eventId !== undefined && seen.has(parsed.data.eventId)) return;
        const why = closureProblem(s.phase, parsed.data.reason, s.wavesDone);
        if (why) throw new Error(why);
      },
    },
  );

  setHandler(
    reassignOfficerUpdate,
    ({ officerId }) => {
      s.assignedOfficer = officerId;
      note('path.officer-reassigned');
      return state();
    },
    {
      validator: (request) => {
        const parsed = reassignOfficerSchema.safeParse(request);
        if (!parsed.success) throw new Error(`invalid reassignment: ${parsed.error.message}`);
        requireOpen();
        if (parsed.data.officerId === s.assignedOfficer) throw new Error('already assigned');
      },
    },
  );

  setHandler(
    setPausedUpdate,
    ({ paused }) => {
      s.paused = paused;
      note(paused ? 'path.paused' : 'path.resumed');
      return state();
    },
    {
      validator: (request) => {
        const parsed = pauseSchema.safeParse(request);
        if (!parsed.success) throw new Error(`invalid pause request: ${parsed.error.message}`);
        requireOpen();
        if (parsed.data.paused === s.paused) {
          throw new Error(parsed.data.paused ? 'already paused' : 'not paused');
        }
      },
    },
  );

  // ---- Main loop: publish, keep search attributes current, run follow-up waves ----
  let upserted = '';
  const syncSearchAttributes = () => {
    const due = nextDueMs();
    const pairs: SearchAttributeUpdatePair[] = [
      { key: pathSearchAttributes.municipality, value: input.municipalityCode },
      { key: pathSearchAttributes.casePhase, value: s.phase },
      { key: pathSearchAttributes.overdueReferrals, value: overdueCount() },
      { key: pathSearchAttributes.nextFollowUpAt, value: due === undefined ? null : new Date(due) },
      { key: pathSearchAttributes.assignedOfficer, value: s.assignedOfficer ?? null },
      { key: pathSearchAttributes.riskLevel, value: s.riskLevel ?? null },
    ];
    const key = JSON.stringify(pairs.map((pair) => pair.value));
    if (key === upserted) return;
    upserted = key;
    upsertSearchAttributes(pairs);
  };
  const flush = async () => {
    syncSearchAttributes();
    await publishPendingPathEvents(pending);
  };
  const runFollowUpWave = (dueMs: number) => {
    s.wavesDone += 1;
    move('follow-up-due');
    note(`path.follow-up-due.${s.wavesDone}`);
    publish({
      kind: 'follow-up-due',
      data: {
        caseId: input.caseId,
        wave: s.wavesDone,
        dueAt: new Date(dueMs).toISOString(),
        ...(s.assignedOfficer ? { assignedOfficer: s.assignedOfficer } : {}),
      },
    });
  };

  for (;;) {
    await flush();
    if (!isOpen(s.phase)) break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= config.maxHistoryEvents) {
      await condition(allHandlersFinished);
      await flush();
      if (isOpen(s.phase)) {
        await continueAsNew<typeof reintegrationPath>({ ...input, carried: snapshot() });
      }
      continue;
    }
    const seenVersion = version;
    const wake = () => version !== seenVersion || pending.length > 0;
    const due = s.paused ? undefined : nextDueMs();
    if (due === undefined) {
      await condition(wake);
    } else if (due > Date.now()) {
      await condition(wake, due - Date.now());
    } else {
      runFollowUpWave(due);
    }
  }
  await condition(allHandlersFinished);
  await flush();
  return state();
}

/** The first version (walking skeleton): kept so that paths started with it replay unchanged. */
async function reintegrationPathV1(input: ReintegrationPathInput): Promise<PathState> {
  const seenEventIds = new Set<string>([input.openedByEventId]);
  const path: { phase: CasePhase; history: PathHistoryEntry[] } = {
    phase: 'intake',
    history: [
      { at: input.openedAt, eventType: 'sv.reintegra.returnee.registered.v1', phase: 'intake' },
    ],
  };
  const state = (): PathState => ({
    caseId: input.caseId,
    municipalityCode: input.municipalityCode,
    minor: input.minor,
    phase: path.phase,
    openedAt: input.openedAt,
    history: path.history,
  });

  setHandler(pathStateQuery, state);
  setHandler(caseEventSignal, (signal) => {
    const parsed = caseEventSignalSchema.safeParse(signal);
    if (!parsed.success) {
      log.warn('Ignoring invalid case event signal', { issues: parsed.error.issues.length });
      return;
    }
    if (seenEventIds.has(parsed.data.eventId)) return;
    seenEventIds.add(parsed.data.eventId);
    path.history.push({
      at: parsed.data.occurredAt,
      eventType: parsed.data.type,
      phase: path.phase,
    });
  });

  upsertSearchAttributes([
    { key: pathSearchAttributes.municipality, value: input.municipalityCode },
    { key: pathSearchAttributes.casePhase, value: path.phase },
    { key: pathSearchAttributes.overdueReferrals, value: 0 },
  ]);

  await condition(() => path.phase === 'closed');
  return state();
}
