import type { CaseStatus, ScoreDimension } from '@reintegra/event-contracts';
import type { PlanGoals } from './plan.requests';

export type PlanStatus = 'draft' | 'submitted' | 'approved';

/**
 * The plan's own small lifecycle, pure for unit tests: the officer drafts and submits, a
 * supervisor approves or sends it back to draft with a reason. An approved plan is final.
 */
const TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['submitted'],
  submitted: ['approved', 'draft'],
  approved: [],
};

export function allowedNextPlanStatuses(from: PlanStatus): readonly PlanStatus[] {
  return TRANSITIONS[from];
}

export function canMovePlan(from: PlanStatus, to: PlanStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Case statuses in which a plan is drafted, changed and submitted: before it is approved. */
export const PLANNING_CASE_STATUSES: readonly CaseStatus[] = ['open', 'assessed'];

const DIMENSIONS: readonly ScoreDimension[] = ['economic', 'social', 'psychosocial'];

/** Dimensions the plan has goals in, in a fixed order (for events and summaries). */
export function goalDimensions(goals: PlanGoals): ScoreDimension[] {
  return DIMENSIONS.filter((dimension) => (goals[dimension]?.length ?? 0) > 0);
}
