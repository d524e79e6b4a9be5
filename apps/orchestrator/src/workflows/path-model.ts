import type {
  CasePhase,
  ClosureReason,
  Dimension,
  OpenReferral,
  PathHistoryEntry,
  ReintegrationPathInput,
  RiskLevel,
} from '@reintegra/workflow-contracts';
import type { ReferralService } from '@reintegra/event-contracts';

/**
 * The path's phase machine and rules, pure and Temporal-free so they are unit-tested directly and
 * the workflow only wires them to signals, updates and timers.
 *
 *   intake ──assessment-completed──▶ assessed ──plan-approved──▶ plan-approved
 *   plan-approved ──referral-accepted──▶ in-services ──follow-up-due──▶ follow-up
 *   any open phase ──closure-approved──▶ closed
 */
export type PhaseTrigger =
  | 'assessment-completed'
  | 'plan-approved'
  | 'referral-accepted'
  | 'follow-up-due'
  | 'closure-approved';

const OPEN: readonly CasePhase[] = [
  'intake',
  'assessed',
  'plan-approved',
  'in-services',
  'follow-up',
];

const TRANSITIONS: Record<PhaseTrigger, Partial<Record<CasePhase, CasePhase>>> = {
  // A re-assessment before the plan is approved keeps the case assessed.
  'assessment-completed': { intake: 'assessed', assessed: 'assessed' },
  'plan-approved': { assessed: 'plan-approved' },
  // Emergency referrals may be accepted before the plan: the phase then stays where it is.
  'referral-accepted': {
    intake: 'intake',
    assessed: 'assessed',
    'plan-approved': 'in-services',
    'in-services': 'in-services',
    'follow-up': 'follow-up',
  },
  'follow-up-due': {
    'plan-approved': 'follow-up',
    'in-services': 'follow-up',
    'follow-up': 'follow-up',
  },
  'closure-approved': Object.fromEntries(OPEN.map((phase) => [phase, 'closed'])),
};

/** The phase after `trigger`, or undefined when the transition is illegal from `phase`. */
export function nextPhase(phase: CasePhase, trigger: PhaseTrigger): CasePhase | undefined {
  return TRANSITIONS[trigger][phase];
}

export function isOpen(phase: CasePhase): boolean {
  return phase !== 'closed';
}

/**
 * Why a closure cannot be approved now (undefined = it can). "Reintegrated" is a finding of the
 * follow-up: it needs at least one follow-up wave behind it; the other reasons can happen any time.
 */
export function closureProblem(
  phase: CasePhase,
  reason: ClosureReason,
  wavesDone: number,
): string | undefined {
  if (!isOpen(phase)) return 'the path is already closed';
  if (reason === 'reintegrated' && (phase !== 'follow-up' || wavesDone < 1)) {
    return 'closure as reintegrated needs at least one follow-up wave';
  }
  return undefined;
}

/** Dimensions whose follow-up score fell at least `threshold` below the baseline. */
export function droppedDimensions(
  baseline: Partial<Record<Dimension, number>>,
  scores: Partial<Record<Dimension, number>>,
  threshold: number,
): { dimension: Dimension; previousScore: number; score: number }[] {
  const dropped: { dimension: Dimension; previousScore: number; score: number }[] = [];
  for (const dimension of ['economic', 'social', 'psychosocial'] as const) {
    const previousScore = baseline[dimension];
    const score = scores[dimension];
    if (previousScore === undefined || score === undefined) continue;
    // Rounded so that 0.6 → 0.45 counts as a 0.15 drop despite floating point.
    if (Math.round((previousScore - score) * 1e6) >= Math.round(threshold * 1e6)) {
      dropped.push({ dimension, previousScore, score });
    }
  }
  return dropped;
}

/**
 * The service a follow-up proposes when a dimension drops: work for the economic one, activities
 * that bring returnees and residents together for the social one (IOM: sustained participation
 * is what builds belonging), care for the psychosocial one.
 */
export const SERVICE_FOR_DIMENSION: Readonly<Record<Dimension, ReferralService>> = {
  economic: 'employment',
  social: 'community',
  psychosocial: 'psychosocial',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** A business date as an ISO instant, never later than `nowIso` (a clock ahead is not trusted). */
export function notAfter(at: string, nowIso: string): string {
  const ms = Date.parse(at);
  return ms <= Date.parse(nowIso) ? new Date(ms).toISOString() : nowIso;
}

/** When the next follow-up wave is due (ms since epoch), or undefined when none is left. */
export function nextFollowUpDueMs(
  planApprovedAt: string | undefined,
  followUpDays: readonly number[],
  wavesDone: number,
): number | undefined {
  const days = followUpDays[wavesDone];
  if (planApprovedAt === undefined || days === undefined) return undefined;
  return Date.parse(planApprovedAt) + days * DAY_MS;
}

/** Remembers an id, forgetting the oldest beyond `cap` (ids are uuids: no accidental reuse). */
export function remember(ids: string[], id: string, cap: number): void {
  ids.push(id);
  if (ids.length > cap) ids.splice(0, ids.length - cap);
}

/** Appends to the compact history; returns how many old entries were dropped. */
export function appendHistory(
  history: PathHistoryEntry[],
  entry: PathHistoryEntry,
  cap: number,
): number {
  history.push(entry);
  if (history.length <= cap) return 0;
  const dropped = history.length - cap;
  history.splice(0, dropped);
  return dropped;
}

export function countByEventType(history: readonly PathHistoryEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of history) counts[entry.eventType] = (counts[entry.eventType] ?? 0) + 1;
  return counts;
}

/** What a run starts from: the carried snapshot after continue-as-new, else a new path in intake. */
export function initialPathData(input: ReintegrationPathInput) {
  const carried = input.carried;
  return {
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
}

/** A run's mutable state (what continue-as-new carries, but mutable). */
export type PathData = ReturnType<typeof initialPathData>;
