import { z } from 'zod';

/** The answers are checked against the questionnaire version named here, in the service. */
export const recordAssessmentSchema = z
  .object({
    questionnaireVersion: z.string().min(1).max(40),
    answers: z.record(z.string().max(60), z.unknown()),
    /** Follow-up wave (1, 2, 3, …) of a re-assessment after the plan is approved; absent for the initial one. */
    wave: z.int().min(1).max(20).optional(),
  })
  .strict();
export type RecordAssessmentRequest = z.infer<typeof recordAssessmentSchema>;
