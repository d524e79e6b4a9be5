/** Case and reintegration-path code lists (product brief, flows 3–7). */

/** Phases of a reintegration path; `intake` is the case status `open` of intake's events. */
export const CASE_PHASES = [
  'intake',
  'assessed',
  'plan-approved',
  'in-services',
  'follow-up',
  'closed',
] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

/** Closure reasons of the product brief (flow 7). */
export const CLOSURE_REASONS = [
  'reintegrated',
  'disengaged',
  're-migrated',
  'transferred',
  'deceased',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Dimensions of the reintegration sustainability score. */
export const SCORE_DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type ScoreDimension = (typeof SCORE_DIMENSIONS)[number];
