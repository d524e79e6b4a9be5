import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';

/** The indicators' period and municipality (query string); unknown parameters are refused. */
export const indicatorsQuerySchema = z
  .object({
    municipality: z
      .string()
      .refine(
        (code) => findMunicipality(code) !== undefined,
        bilingual('No es un código de municipio conocido.', 'Not a known municipality code.'),
      )
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: bilingual(
      'La fecha final es anterior a la inicial.',
      'The end date is before the start date.',
    ),
    path: ['to'],
  });
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;
