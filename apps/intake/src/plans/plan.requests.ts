import { z } from 'zod';
import { reasonCodeSchema } from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';
import { recordedDate } from '../core/recorded-date';
import { requestReferralSchema } from '../referrals/referral.requests';

const goalSchema = z
  .object({
    description: z.string().trim().min(1).max(500).describe('Meta / goal, in the officer’s words'),
    targetDate: z.iso.date().optional().describe('When it should be reached (YYYY-MM-DD)'),
  })
  .strict();

const goalsOfDimension = z.array(goalSchema).max(10);

/** Goals in the three dimensions of sustainable reintegration (economic, social, psychosocial). */
export const planGoalsSchema = z
  .object({
    economic: goalsOfDimension.optional(),
    social: goalsOfDimension.optional(),
    psychosocial: goalsOfDimension.optional(),
  })
  .strict()
  .refine(
    (goals) => Object.values(goals).some((list) => list !== undefined && list.length > 0),
    bilingual(
      'El plan necesita al menos una meta (económica, social o psicosocial).',
      'The plan needs at least one goal (economic, social or psychosocial).',
    ),
  );
export type PlanGoals = z.infer<typeof planGoalsSchema>;

/** A referral the plan proposes; opened when a supervisor approves the plan (consent permitting). */
export const proposedReferralSchema = requestReferralSchema.omit({ requestedAt: true }).extend({
  reasonCode: reasonCodeSchema.describe('Why the referral is proposed, e.g. seeks-employment'),
});
export type ProposedReferral = z.infer<typeof proposedReferralSchema>;

/** The body of POST (draft) and PUT (replace the draft) /cases/:caseId/plan. */
export const planContentSchema = z
  .object({
    goals: planGoalsSchema,
    proposedReferrals: z
      .array(proposedReferralSchema)
      .max(10)
      .refine(
        (referrals) => new Set(referrals.map((r) => r.service)).size === referrals.length,
        bilingual(
          'Una sola remisión propuesta por servicio (varios proveedores van en la misma).',
          'One proposed referral per service (several providers go in the same one).',
        ),
      ),
  })
  .strict();
export type PlanContent = z.infer<typeof planContentSchema>;

export const rejectPlanSchema = z.object({ reasonCode: reasonCodeSchema }).strict();
export type RejectPlanRequest = z.infer<typeof rejectPlanSchema>;

/**
 * How far back an approval may be recorded: a plan approved on paper by the committee before the
 * office used the system, or a case imported from its files. The follow-up waves (3, 6 and 12
 * months) run from this date, so a year covers every wave still ahead.
 */
export const MAX_APPROVAL_BACKDATE_DAYS = 365;

/** The optional body of POST /cases/:caseId/plan/approval. */
export const approvePlanSchema = z
  .object({
    approvedAt: recordedDate(MAX_APPROVAL_BACKDATE_DAYS, {
      es: 'La fecha de aprobación',
      en: 'The approval date',
    })
      .optional()
      .describe(
        'When the plan was really approved, if earlier than now (on paper, or a case imported from earlier files); follow-ups are due from then',
      ),
  })
  .strict()
  .optional();
export type ApprovePlanRequest = z.infer<typeof approvePlanSchema>;
