import { z } from 'zod';
import { bilingual } from './localized-issues';

/** A period must not end before it starts (ISO dates compare as text): the issue names `endsOn`. */
export function endsNotBeforeStart(
  value: { startsOn: string; endsOn: string },
  ctx: z.RefinementCtx,
): void {
  if (value.endsOn < value.startsOn) {
    ctx.addIssue({
      code: 'custom',
      path: ['endsOn'],
      message: bilingual(
        'La fecha de fin es anterior a la de inicio.',
        'The end date is before the start date.',
      ),
    });
  }
}

/** Looks a territory code up in the reference data (the platform holds none: the service passes it). */
export interface TerritoryLookup {
  municipality(code: string): unknown;
  district(code: string): unknown;
}

/** Municipality and district codes the reference data know. */
export function territoryCodeSchemas(lookup: TerritoryLookup) {
  return {
    municipalityCodeSchema: z
      .string()
      .refine(
        (code) => lookup.municipality(code) !== undefined,
        bilingual('Municipio desconocido.', 'Unknown municipality.'),
      )
      .describe('Municipality (2024 territory), e.g. SV-PA-LA-PAZ-ESTE'),
    districtCodeSchema: z
      .string()
      .refine(
        (code) => lookup.district(code) !== undefined,
        bilingual('Distrito desconocido.', 'Unknown district.'),
      )
      .describe('District (former municipality), e.g. SV-PA-LA-PAZ-ESTE/ZACATECOLUCA'),
  };
}

/** Finds a district in the reference data, with the municipality it lies in. */
export type DistrictLookup = (code: string) => { municipalityCode: string } | undefined;

/**
 * For `.superRefine(...)`: a district given with a municipality must lie in it; the issue names
 * the district field. The fields default to `municipalityCode` and `districtCode`.
 */
export function districtWithinMunicipality(
  findDistrict: DistrictLookup,
  fields: { municipality: string; district: string } = {
    municipality: 'municipalityCode',
    district: 'districtCode',
  },
) {
  return (value: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void => {
    const district = value[fields.district];
    if (
      typeof district === 'string' &&
      district &&
      findDistrict(district)?.municipalityCode !== value[fields.municipality]
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [fields.district],
        message: bilingual(
          'El distrito no pertenece al municipio.',
          'The district is not in the municipality.',
        ),
      });
    }
  };
}
