import { z } from 'zod';
import { bilingual, phoneNumberSchema } from '@reintegra/platform-http';
import {
  districtCodeSchema,
  districtInMunicipality,
  knownIscoCodeSchema,
  municipalityCodeSchema,
  reasonCodeSchema,
  skillCodesSchema,
  weekSlotsSchema,
} from '../core/common.requests';

const years = z.number().min(0).max(60);

/**
 * One occupation or trade: an ISCO-08 code, or the words the person used ("albañil",
 * "tablaroca"), coded through the synonym table where possible. Experience gained abroad is
 * recorded apart but counts the same: where it was gained is not a matching criterion.
 */
const occupationSchema = z
  .object({
    iscoCode: knownIscoCodeSchema.optional(),
    text: z.string().trim().min(2).max(120).optional().describe('e.g. "albañil", "drywall"'),
    yearsLocal: years.default(0).describe('Years of experience in El Salvador'),
    yearsAbroad: years.default(0).describe('Years of experience abroad'),
  })
  .strict()
  .refine((value) => value.iscoCode !== undefined || value.text !== undefined, {
    message: bilingual('Indique iscoCode o text.', 'Give iscoCode or text.'),
  });

/**
 * The skills profile the caseworker records with the person. displayName and contactPhone are
 * the only personal data this service holds: optional, minimal, shown to an employer only under
 * partner-sharing consent, erased if the person withdraws consent for employment services.
 */
export const candidateProfileSchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .describe('How the person wants to be named to employers, e.g. "José M."'),
    contactPhone: phoneNumberSchema.optional(),
    municipalityCode: municipalityCodeSchema
      .optional()
      .describe('Residence; defaults to the one intake registered'),
    districtCode: districtCodeSchema.optional(),
    minor: z
      .boolean()
      .optional()
      .describe('Under 18 (from the intake record): only the legal minimum-age rule uses it'),
    occupations: z.array(occupationSchema).min(1).max(10),
    skills: skillCodesSchema,
    certifications: skillCodesSchema,
    preferredMunicipalityCodes: z.array(municipalityCodeSchema).max(10).default([]),
    availability: weekSlotsSchema,
  })
  .strict()
  .superRefine(districtInMunicipality);
export type CandidateProfileRequest = z.infer<typeof candidateProfileSchema>;

export const recognitionRequestSchema = z
  .object({
    iscoCode: knownIscoCodeSchema.describe('Trade whose competence is to be recognised'),
  })
  .strict();
export type RecognitionRequest = z.infer<typeof recognitionRequestSchema>;

export const recognitionDecisionSchema = z
  .object({
    certified: z.boolean(),
    reasonCode: reasonCodeSchema.optional().describe('Why not certified (required then)'),
  })
  .strict()
  .refine((value) => value.certified || value.reasonCode !== undefined, {
    path: ['reasonCode'],
    message: bilingual('Indique por qué no se certifica.', 'Give the reason it is not certified.'),
  });
export type RecognitionDecision = z.infer<typeof recognitionDecisionSchema>;
