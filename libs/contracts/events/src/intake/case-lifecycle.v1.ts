import { CLOSURE_REASONS, RISK_LEVELS, SCORE_DIMENSIONS } from '@reintegra/vocabulary';
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import {
  actorSchema,
  dateTimeSchema,
  dimensionScoreFields,
  districtCodeSchema,
  municipalityCodeSchema,
  versionLabelSchema,
} from '../shared/fields';
import { TOPICS } from '../topics';

/**
 * Case lifecycle events published by intake (topic reintegra.intake.returnees, key = case id, so
 * that one case's events stay in order). Ids, codes, dates and scores only: never names, DUI,
 * contact details or questionnaire answers (violence screening answers never leave intake).
 */

/** Case (return episode) lifecycle, product brief flows 3–7. `open` is the path's `intake` phase. */
export const caseStatusSchema = z
  .enum(['open', 'assessed', 'plan-approved', 'in-services', 'follow-up', 'closed'])
  .describe('Case status');
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Closure reasons of the product brief (flow 7). */
export const closureReasonSchema = z.enum(CLOSURE_REASONS).describe('Why the case was closed');
export type ClosureReason = z.infer<typeof closureReasonSchema>;

export const riskLevelSchema = z.enum(RISK_LEVELS).describe('Case risk level');
export type RiskLevel = z.infer<typeof riskLevelSchema>;

export const scoreDimensionSchema = z
  .enum(SCORE_DIMENSIONS)
  .describe('Dimension of the reintegration sustainability score');
export type ScoreDimension = z.infer<typeof scoreDimensionSchema>;

/** Scores normalised to 0–1 (1 = more sustainable); a dimension under ~60 % answered is absent. */
export const sustainabilityScoresSchema = z.object({
  ...dimensionScoreFields,
  incompleteDimensions: z.array(scoreDimensionSchema).describe('Dimensions under the threshold'),
});
export type SustainabilityScores = z.infer<typeof sustainabilityScoresSchema>;

/** A person who returned before came back: a new case on the same person record. */
export const episodeOpenedV1 = defineEvent({
  type: 'sv.reintegra.returnee.episode-opened.v1',
  topic: TOPICS.intakeReturnees,
  description:
    'Nuevo episodio de retorno (expediente) para una persona ya registrada / New return episode (case) for a person already registered',
  data: z.object({
    caseId: z.uuid().describe('The new case; the reintegration path is keyed on it'),
    returneeId: z.uuid(),
    episodeNumber: z.int().min(2),
    previousCaseId: z.uuid().describe('The person’s previous case'),
    municipalityCode: municipalityCodeSchema,
    districtCode: districtCodeSchema.optional(),
    returnDate: z.iso.date(),
    countryReturnedFrom: z.string().regex(/^[A-Z]{2}$/),
    minor: z.boolean(),
    openedAt: dateTimeSchema,
  }),
});
export type EpisodeOpenedV1 = z.infer<typeof episodeOpenedV1.data>;

/** Two person records were found to be one person and merged by an officer (audited). */
export const returneesMergedV1 = defineEvent({
  type: 'sv.reintegra.returnee.merged.v1',
  topic: TOPICS.intakeReturnees,
  description:
    'Dos registros de la misma persona fusionados / Two records of the same person merged',
  data: z.object({
    survivingReturneeId: z.uuid(),
    mergedReturneeId: z.uuid().describe('No longer used; its cases now belong to the survivor'),
    movedCaseIds: z.array(z.uuid()),
    mergedBy: actorSchema,
    mergedAt: dateTimeSchema,
  }),
});
export type ReturneesMergedV1 = z.infer<typeof returneesMergedV1.data>;

/** The needs assessment of a case was completed; carries the baseline scores, never the answers. */
export const assessmentCompletedV1 = defineEvent({
  type: 'sv.reintegra.case.assessment-completed.v1',
  topic: TOPICS.intakeReturnees,
  description: 'Evaluación de necesidades completada / Needs assessment completed',
  data: z.object({
    caseId: z.uuid(),
    assessmentId: z.uuid(),
    questionnaireVersion: versionLabelSchema,
    scoringVersion: versionLabelSchema.describe('Weights and item mapping used for the scores'),
    scores: sustainabilityScoresSchema,
    riskLevel: riskLevelSchema,
    /** Follow-up wave (1, 2, 3, …) for a re-assessment; absent for the initial assessment. */
    wave: z.int().min(1).optional(),
    completedAt: dateTimeSchema,
  }),
});
export type AssessmentCompletedV1 = z.infer<typeof assessmentCompletedV1.data>;

/** A sustainability score was stored: at an assessment, or by a re-score under new weights. */
export const scoreComputedV1 = defineEvent({
  type: 'sv.reintegra.case.score-computed.v1',
  topic: TOPICS.intakeReturnees,
  description: 'Puntaje de sostenibilidad calculado / Sustainability score computed',
  data: z.object({
    caseId: z.uuid(),
    scoreId: z.uuid(),
    assessmentId: z.uuid(),
    purpose: z.enum(['baseline', 'follow-up', 're-score']),
    wave: z.int().min(1).optional(),
    questionnaireVersion: versionLabelSchema,
    scoringVersion: versionLabelSchema,
    scores: sustainabilityScoresSchema,
    computedAt: dateTimeSchema,
  }),
});
export type ScoreComputedV1 = z.infer<typeof scoreComputedV1.data>;

/** What plan events say of the plan: its version, the dimensions it has goals in, its referrals. */
const planFields = {
  caseId: z.uuid(),
  planId: z.uuid(),
  planVersion: z.int().min(1),
  goalDimensions: z.array(scoreDimensionSchema).min(1),
  proposedReferrals: z.int().min(0),
};

/** The officer submitted the case's plan for a supervisor's approval (the approvals queue). */
export const planSubmittedV1 = defineEvent({
  type: 'sv.reintegra.case.plan-submitted.v1',
  topic: TOPICS.intakeReturnees,
  description:
    'Plan de reintegración enviado para aprobación / Reintegration plan submitted for approval',
  data: z.object({
    ...planFields,
    submittedBy: actorSchema,
    submittedAt: dateTimeSchema,
  }),
});
export type PlanSubmittedV1 = z.infer<typeof planSubmittedV1.data>;

/** A supervisor approved the case's reintegration plan. */
export const planApprovedV1 = defineEvent({
  type: 'sv.reintegra.case.plan-approved.v1',
  topic: TOPICS.intakeReturnees,
  description: 'Plan de reintegración aprobado / Reintegration plan approved',
  data: z.object({
    ...planFields,
    approvedBy: actorSchema,
    assignedOfficer: actorSchema.optional().describe('Officer who follows the case'),
    approvedAt: dateTimeSchema,
  }),
});
export type PlanApprovedV1 = z.infer<typeof planApprovedV1.data>;

/** The case status changed (every transition, including to `closed`). */
export const caseStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.case.status-changed.v1',
  topic: TOPICS.intakeReturnees,
  description: 'Estado del expediente cambiado / Case status changed',
  data: z.object({
    caseId: z.uuid(),
    from: caseStatusSchema,
    to: caseStatusSchema,
    reasonCode: reasonCodeSchema.optional(),
    changedAt: dateTimeSchema,
  }),
});
export type CaseStatusChangedV1 = z.infer<typeof caseStatusChangedV1.data>;

/** What closure events say: which case, and why it closes (the proposal and the decision). */
const closureFields = {
  caseId: z.uuid(),
  reason: closureReasonSchema,
};

/** The officer proposed closing the case (the approvals queue); a supervisor decides. */
export const closureProposedV1 = defineEvent({
  type: 'sv.reintegra.case.closure-proposed.v1',
  topic: TOPICS.intakeReturnees,
  description: 'Cierre del expediente propuesto / Case closure proposed',
  data: z.object({
    ...closureFields,
    proposedBy: actorSchema,
    proposedAt: dateTimeSchema,
  }),
});
export type ClosureProposedV1 = z.infer<typeof closureProposedV1.data>;

/** A supervisor closed the case with a reason; the reintegration path closes with it. */
export const caseClosedV1 = defineEvent({
  type: 'sv.reintegra.case.closed.v1',
  topic: TOPICS.intakeReturnees,
  description: 'Expediente cerrado / Case closed',
  data: z.object({
    ...closureFields,
    approvedBy: actorSchema,
    closedAt: dateTimeSchema,
  }),
});
export type CaseClosedV1 = z.infer<typeof caseClosedV1.data>;
