import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { nearDateSchema, reasonCodeSchema } from '../core/common.requests';

export const proposePlacementSchema = z
  .object({
    vacancyId: z.uuid(),
    caseId: z.uuid().describe('Case (expediente) of the candidate'),
  })
  .strict();
export type ProposePlacementRequest = z.infer<typeof proposePlacementSchema>;

export const interviewSchema = z
  .object({ at: z.iso.datetime({ offset: true }).optional().describe('When the interview is') })
  .strict();
export type InterviewRequest = z.infer<typeof interviewSchema>;

export const hireSchema = z
  .object({ startsOn: nearDateSchema.describe('First day of work') })
  .strict();
export type HireRequest = z.infer<typeof hireSchema>;

export const reasonSchema = z
  .object({
    reasonCode: reasonCodeSchema.describe(
      'e.g. skills-insufficient, no-show, candidate-declined, position-cancelled',
    ),
  })
  .strict();
export type ReasonRequest = z.infer<typeof reasonSchema>;

export const retentionCheckSchema = z
  .object({
    checkpointDays: z.union([z.literal(30), z.literal(90)]),
    employed: z.boolean().describe('Still in the job'),
    reasonCode: reasonCodeSchema
      .optional()
      .describe('Why the person left (required if not employed)'),
    checkedOn: nearDateSchema.optional().describe('Day of the check; today by default'),
  })
  .strict()
  .refine((value) => value.employed || value.reasonCode !== undefined, {
    path: ['reasonCode'],
    message: bilingual(
      'Indique por qué la persona dejó el empleo.',
      'Give the reason the person left the job.',
    ),
  });
export type RetentionCheckRequest = z.infer<typeof retentionCheckSchema>;
