import { z } from 'zod';
import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import { RECEPTION_POINTS } from '@reintegra/vocabulary';
import {
  bilingual,
  districtWithinMunicipality,
  pastDateSchema,
  phoneNumberSchema,
  territoryCodeSchemas,
} from '@reintegra/platform-http';
import { isValidDui } from './dui';

const { municipalityCodeSchema, districtCodeSchema } = territoryCodeSchemas({
  municipality: findMunicipality,
  district: findDistrict,
});

/** The residence given must be one place: the district in the municipality. */
const checkDistrictInMunicipality = districtWithinMunicipality(findDistrict);

/** What is recorded of each return: the first one at registration, later ones as new episodes. */
const returnFields = {
  returnDate: pastDateSchema.describe('Fecha de retorno / date of return (YYYY-MM-DD)'),
  countryReturnedFrom: z
    .string()
    .regex(
      /^[A-Z]{2}$/,
      bilingual(
        'Use el código ISO de dos letras (p. ej. US, MX).',
        'Use the two-letter ISO code (e.g. US, MX).',
      ),
    )
    .describe('Country returned from (ISO 3166-1 alpha-2)'),
  receptionPoint: z.enum(RECEPTION_POINTS).describe('Punto de recepción / reception point'),
  municipalityCode: municipalityCodeSchema.describe(
    'Municipality of residence, e.g. SV-PA-LA-PAZ-ESTE',
  ),
  districtCode: districtCodeSchema
    .optional()
    .describe('District of residence, e.g. SV-PA-LA-PAZ-ESTE/ZACATECOLUCA'),
};

export const registerReturneeRequestSchema = z
  .object({
    dui: z
      .string()
      .trim()
      .refine(
        isValidDui,
        bilingual(
          'DUI no válido: formato ########-# con dígito verificador correcto.',
          'Invalid DUI: format ########-# with a correct check digit.',
        ),
      )
      .optional()
      .describe('DUI; optional because minors and some returnees have none'),
    firstNames: z.string().trim().min(1).max(100).describe('Nombres / first names'),
    lastNames: z.string().trim().min(1).max(100).describe('Apellidos / last names'),
    dateOfBirth: pastDateSchema.describe('Fecha de nacimiento / date of birth (YYYY-MM-DD)'),
    gender: z.enum(['female', 'male', 'other', 'undisclosed']).describe('Self-described gender'),
    contact: z
      .object({
        phone: phoneNumberSchema.optional(),
        email: z.email().optional(),
      })
      .strict()
      .optional(),
    ...returnFields,
    arrivalEntryId: z
      .uuid()
      .optional()
      .describe('The arrival-list entry (pre-intake) this registration comes from'),
    confirmedNewPerson: z
      .literal(true)
      .optional()
      .describe(
        'The officer reviewed the possible duplicates offered and confirms a different person',
      ),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.returnDate < value.dateOfBirth) {
      ctx.addIssue({
        code: 'custom',
        path: ['returnDate'],
        message: bilingual(
          'La fecha de retorno es anterior al nacimiento.',
          'The return date is before the date of birth.',
        ),
      });
    }
    checkDistrictInMunicipality(value, ctx);
  });

export type RegisterReturneeRequest = z.infer<typeof registerReturneeRequestSchema>;

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A person already registered returned again: a new episode (case) on the same record. */
export const openEpisodeRequestSchema = z
  .object({
    ...returnFields,
    arrivalEntryId: z
      .uuid()
      .optional()
      .describe('The arrival-list entry (pre-intake) this return comes from'),
  })
  .strict()
  .superRefine(checkDistrictInMunicipality);
export type OpenEpisodeRequest = z.infer<typeof openEpisodeRequestSchema>;
