import { z } from 'zod';
import { educationLevelSchema, educationModalitySchema } from '@reintegra/event-contracts';
import { findMunicipality } from '@reintegra/reference-data';
import { LEARNER_DOCUMENT_KINDS } from '@reintegra/vocabulary';
import { bilingual, endsNotBeforeStart, organisationIdSchema } from '@reintegra/platform-http';

const municipalityCode = z
  .string()
  .refine(
    (code) => findMunicipality(code) !== undefined,
    bilingual('Municipio desconocido.', 'Unknown municipality.'),
  )
  .describe('Municipality, e.g. SV-PA-LA-PAZ-ESTE');

export const documentKindSchema = z.enum(LEARNER_DOCUMENT_KINDS);

export const createProviderSchema = z
  .object({
    id: organisationIdSchema.describe('Provider id = the organisation id of its staff'),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(['school', 'training-centre', 'ngo']),
    municipalityCode,
  })
  .strict();
export type CreateProviderRequest = z.infer<typeof createProviderSchema>;

export const createProgrammeSchema = z
  .object({
    providerId: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    level: educationLevelSchema,
    modality: educationModalitySchema,
    schoolReEntry: z.boolean().default(false).describe('School re-entry programme for minors'),
    eligibility: z
      .object({
        minAge: z.number().int().min(0).max(120),
        maxAge: z.number().int().min(0).max(120).optional(),
        minLastGrade: z.number().int().min(0).max(12).default(0),
        documentsRequired: z.array(documentKindSchema).max(10).default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const { minAge, maxAge } = value.eligibility;
    if (maxAge !== undefined && maxAge < minAge) {
      ctx.addIssue({
        code: 'custom',
        path: ['eligibility', 'maxAge'],
        message: bilingual(
          'La edad máxima es menor que la mínima.',
          'The maximum age is below the minimum.',
        ),
      });
    }
  });
export type CreateProgrammeRequest = z.infer<typeof createProgrammeSchema>;

export const createCohortSchema = z
  .object({
    programmeId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    seats: z.number().int().min(1).max(10_000),
    schedule: z.string().trim().min(1).max(200).describe('e.g. "sábados 8:00-12:00"'),
    municipalityCode,
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    open: z.boolean().default(true),
  })
  .strict()
  .superRefine(endsNotBeforeStart);
export type CreateCohortRequest = z.infer<typeof createCohortSchema>;

export const updateCohortSchema = z
  .object({
    seats: z.number().int().min(1).max(10_000).optional(),
    open: z.boolean().optional(),
  })
  .strict()
  .refine((value) => value.seats !== undefined || value.open !== undefined, {
    message: bilingual('Indique seats u open.', 'Give seats or open.'),
  });
export type UpdateCohortRequest = z.infer<typeof updateCohortSchema>;
