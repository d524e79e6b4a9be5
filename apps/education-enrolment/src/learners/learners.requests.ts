import { z } from 'zod';
import { pastDateSchema, phoneNumberSchema } from '@reintegra/platform-http';
import { documentKindSchema } from '../catalogue/catalogue.requests';

/**
 * What eligibility needs to know of a person, copied by the caseworker from the intake record the
 * returnee consented to share. Stays in this service; events carry the case id only.
 */
export const learnerProfileSchema = z
  .object({
    dateOfBirth: pastDateSchema,
    lastGradeCompleted: z
      .number()
      .int()
      .min(0)
      .max(12)
      .describe(
        'Último grado aprobado / last grade completed (0 = none, 9 = basic, 12 = secondary)',
      ),
    documents: z.array(documentKindSchema).max(10).default([]),
    guardian: z
      .object({
        name: z.string().trim().min(1).max(200),
        relationship: z.string().trim().min(1).max(60),
        phone: phoneNumberSchema.optional(),
      })
      .strict()
      .optional()
      .describe('Persona responsable / guardian; required for a minor'),
  })
  .strict();
export type LearnerProfileRequest = z.infer<typeof learnerProfileSchema>;
