import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';

export const surveyResponseSchema = z
  .object({
    participantId: z.uuid(),
    questionnaireVersion: z.string().min(1).max(40),
    wave: z.enum(['pre', 'post']),
    answers: z.record(z.string().regex(/^[a-z][a-z0-9-]{1,63}$/), z.int()),
  })
  .strict();
export type SurveyResponseRequest = z.infer<typeof surveyResponseSchema>;

export const outcomesQuerySchema = z
  .object({
    activityId: z.uuid().optional(),
    municipalityCode: z
      .string()
      .refine(
        (code) => findMunicipality(code) !== undefined,
        bilingual('Municipio desconocido.', 'Unknown municipality.'),
      )
      .optional(),
    questionnaireVersion: z.string().min(1).max(40).default('pulse-2026-12'),
  })
  .refine((q) => q.activityId || q.municipalityCode, {
    message: bilingual(
      'Indique activityId o municipalityCode.',
      'Give activityId or municipalityCode.',
    ),
    path: ['activityId'],
  });
export type OutcomesQuery = z.output<typeof outcomesQuerySchema>;
