import { z } from 'zod';
import { bilingual, datesInOrder } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';

/** A municipality code of the 2024 territory, as a filter. */
export const municipalityParam = z
  .string()
  .refine(
    (code) => findMunicipality(code) !== undefined,
    bilingual('No es un código de municipio conocido.', 'Not a known municipality code.'),
  )
  .optional();

/** The indicators' period and municipality (query string); unknown parameters are refused. */
export const indicatorsQuerySchema = z
  .object({
    municipality: municipalityParam,
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict()
  .refine(...datesInOrder);
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;
