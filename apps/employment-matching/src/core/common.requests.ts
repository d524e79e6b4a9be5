import { z } from 'zod';
import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import { bilingual, territoryCodeSchemas } from '@reintegra/platform-http';
import { isKnownOccupation } from '../domain/occupations';
import { DAYS, SHIFTS } from '../domain/schedule';
import { normaliseSkill } from '../domain/skills';

export { reasonCodeSchema } from '@reintegra/event-contracts';

export const { municipalityCodeSchema, districtCodeSchema } = territoryCodeSchemas({
  municipality: findMunicipality,
  district: findDistrict,
});

/** A district must lie in the municipality given with it. */
export function districtInMunicipality(
  value: { municipalityCode?: string | null; districtCode?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (!value.districtCode || !value.municipalityCode) return;
  if (findDistrict(value.districtCode)?.municipalityCode !== value.municipalityCode) {
    ctx.addIssue({
      code: 'custom',
      path: ['districtCode'],
      message: bilingual(
        'El distrito no pertenece al municipio indicado.',
        'The district is not in the given municipality.',
      ),
    });
  }
}

export const knownIscoCodeSchema = z
  .string()
  .regex(
    /^[0-9]{4}$/,
    bilingual('Use un código ISCO-08 de 4 dígitos.', 'Use a 4-digit ISCO-08 code.'),
  )
  .refine(
    isKnownOccupation,
    bilingual(
      'Código de ocupación desconocido en ISCO-08 (CIUO-08); búsquelo en GET /occupations?q=…',
      'Occupation code unknown to ISCO-08; look it up with GET /occupations?q=…',
    ),
  )
  .describe('ISCO-08 unit group, e.g. 7112 (albañiles)');

/** Skills or certifications in free text, stored as codes ("Drywall" → "tablaroca"). */
export const skillCodesSchema = z
  .array(
    z
      .string()
      .max(80)
      .transform((text, ctx) => {
        const code = normaliseSkill(text);
        if (code) return code;
        ctx.addIssue({
          code: 'custom',
          message: bilingual(
            'Escriba la habilidad con letras o dígitos.',
            'Write the skill with letters or digits.',
          ),
        });
        return z.NEVER;
      }),
  )
  .max(30)
  .transform((codes) => [...new Set(codes)])
  .default([]);

export const weekSlotsSchema = z
  .object({
    days: z.array(z.enum(DAYS)).min(1).max(7),
    shifts: z.array(z.enum(SHIFTS)).min(1).max(3),
  })
  .strict()
  .describe('Days (mon…sun) × shifts (morning, afternoon, night)');

const today = () => new Date().toISOString().slice(0, 10);

/** A date within a year of today (start dates, retention checks). */
export const nearDateSchema = z.iso.date().refine(
  (value) => {
    const days = (Date.parse(value) - Date.parse(today())) / 86_400_000;
    return Math.abs(days) <= 366;
  },
  bilingual(
    'La fecha debe estar a menos de un año de hoy.',
    'The date must be within a year of today.',
  ),
);

export const listLimitSchema = z.coerce.number().int().min(1).max(100).default(20);
