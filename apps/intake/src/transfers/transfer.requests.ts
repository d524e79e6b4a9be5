import { z } from 'zod';
import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import {
  bilingual,
  districtWithinMunicipality,
  territoryCodeSchemas,
} from '@reintegra/platform-http';

/** Why a case moves to another office. */
export const TRANSFER_REASONS = [
  'moved-residence',
  'family-reunification',
  'safety',
  'work-or-study',
  'other',
] as const;

export const DECLINE_REASONS = [
  'not-resident',
  'no-capacity',
  'wrong-office',
  'person-not-reached',
  'other',
] as const;

const { municipalityCodeSchema, districtCodeSchema } = territoryCodeSchemas({
  municipality: findMunicipality,
  district: findDistrict,
});

export const transferRequestSchema = z
  .object({
    toMunicipalityCode: municipalityCodeSchema.describe(
      'Receiving office’s municipality, e.g. SV-SS-SAN-SALVADOR-CENTRO',
    ),
    toDistrictCode: districtCodeSchema
      .optional()
      .describe('District of residence in the new municipality, when known'),
    reasonCode: z.enum(TRANSFER_REASONS),
    /** The person agreed to the hand-over of their case: recorded with the request. */
    consent: z
      .object({
        given: z.literal(true, {
          error: bilingual(
            'Sin el consentimiento de la persona no se puede trasladar el expediente.',
            'Without the person’s consent the case cannot be transferred.',
          ),
        }),
        method: z.enum(['verbal', 'written']),
        givenAt: z.iso.datetime({ offset: true }).optional(),
      })
      .strict()
      .describe('Consentimiento de la persona al traslado / the person’s consent to the transfer'),
  })
  .strict()
  .superRefine(
    districtWithinMunicipality(findDistrict, {
      municipality: 'toMunicipalityCode',
      district: 'toDistrictCode',
    }),
  );
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const declineRequestSchema = z.object({ reasonCode: z.enum(DECLINE_REASONS) }).strict();
export type DeclineRequest = z.infer<typeof declineRequestSchema>;
