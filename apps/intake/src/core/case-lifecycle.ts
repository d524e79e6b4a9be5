import type { CaseStatus } from '@reintegra/event-contracts';

/**
 * The case lifecycle (product brief flows 3–7), pure so it is unit-tested directly.
 *
 *   open ──assessment──▶ assessed ──plan approved──▶ plan-approved ──referral accepted──▶ in-services
 *   in-services ⇄ follow-up (waves; a new referral during follow-up brings the case back)
 *   any open status ──supervisor closes──▶ closed (terminal: a new return opens a new episode)
 *
 * `in-services` and `follow-up` mirror the reintegration path's phases (the workflow decides them).
 */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['assessed', 'closed'],
  // Re-assessing before the plan is approved keeps the case assessed.
  assessed: ['assessed', 'plan-approved', 'closed'],
  'plan-approved': ['in-services', 'follow-up', 'closed'],
  'in-services': ['follow-up', 'closed'],
  'follow-up': ['in-services', 'closed'],
  closed: [],
};

export function allowedNextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export function canMoveCase(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
