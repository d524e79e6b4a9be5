import { z } from 'zod';
import { bilingual, organisationIdSchema } from '@reintegra/platform-http';
import {
  districtCodeSchema,
  districtInMunicipality,
  knownIscoCodeSchema,
  municipalityCodeSchema,
  skillCodesSchema,
  weekSlotsSchema,
} from '../core/common.requests';

export const createEmployerSchema = z
  .object({
    id: organisationIdSchema
      .optional()
      .describe("The employer's organisation id; partners may omit it (their token's is used)"),
    name: z.string().trim().min(1).max(200),
    municipalityCode: municipalityCodeSchema,
  })
  .strict();
export type CreateEmployerRequest = z.infer<typeof createEmployerSchema>;

const posts = z
  .number()
  .int()
  .min(
    1,
    bilingual('Una oferta necesita al menos una plaza.', 'A vacancy needs at least one post.'),
  )
  .max(1000)
  .describe('Number of posts (plazas)');

export const createVacancySchema = z
  .object({
    employerId: organisationIdSchema
      .optional()
      .describe('Only for admins; partners post as themselves'),
    title: z.string().trim().min(1).max(200),
    iscoCode: knownIscoCodeSchema,
    requiredSkills: skillCodesSchema,
    desirableSkills: skillCodesSchema,
    requiredCertifications: skillCodesSchema,
    minExperienceYears: z.number().int().min(0).max(50).default(0),
    municipalityCode: municipalityCodeSchema,
    districtCode: districtCodeSchema.optional(),
    schedule: weekSlotsSchema,
    adultsOnly: z
      .boolean()
      .default(false)
      .describe('Hazardous work closed to minors by law (the only age rule matching applies)'),
    posts,
  })
  .strict()
  .superRefine(districtInMunicipality);
export type CreateVacancyRequest = z.infer<typeof createVacancySchema>;

export const updateVacancySchema = z
  .object({
    open: z
      .boolean()
      .optional()
      .describe('false closes the vacancy and withdraws its open proposals'),
    posts: posts.optional(),
  })
  .strict()
  .refine((value) => value.open !== undefined || value.posts !== undefined, {
    message: bilingual('Indique open o posts.', 'Give open or posts.'),
  });
export type UpdateVacancyRequest = z.infer<typeof updateVacancySchema>;
