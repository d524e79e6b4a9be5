import { z } from 'zod';
import { projectStatusSchema } from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';
import {
  knownIscoCodeSchema,
  municipalityCodeSchema,
  reasonCodeSchema,
} from '../core/common.requests';

export const createProjectSchema = z
  .object({
    sectorIscoCode: knownIscoCodeSchema.optional().describe('Main occupation of the business'),
    municipalityCode: municipalityCodeSchema.describe('Where the business is to operate'),
  })
  .strict();
export type CreateProjectRequest = z.infer<typeof createProjectSchema>;

export const moveProjectSchema = z
  .object({
    to: projectStatusSchema.exclude(['idea']),
    seedAmountUsd: z
      .number()
      .positive()
      .max(100_000)
      .optional()
      .describe('Seed capital granted (required for seed-support)'),
    reasonCode: reasonCodeSchema.optional().describe('Required for closed'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.to === 'seed-support' && value.seedAmountUsd === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['seedAmountUsd'],
        message: bilingual(
          'Indique el capital semilla otorgado.',
          'Give the seed capital granted.',
        ),
      });
    }
    if (value.to === 'closed' && value.reasonCode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonCode'],
        message: bilingual('Indique por qué se cierra.', 'Give the reason for closing.'),
      });
    }
  });
export type MoveProjectRequest = z.infer<typeof moveProjectSchema>;
