import { z } from 'zod';

/**
 * Field schemas and rules that several contracts share because the fields mean the same thing in
 * each (one code list, one timestamp format, one score scale). Internal to the library: index.ts
 * does not re-export this file, so sharing a fragment adds nothing to the public API. Each
 * contract still describes its own fields (`.describe()` on the shared schema makes a copy).
 */

/** Municipality code of the 2024 territorial division (reference data), e.g. SV-PA-LA-PAZ-ESTE. */
export const municipalityCodeSchema = z.string().regex(/^SV-[A-Z]{2}-[A-Z0-9-]+$/);

/** District (a former municipality) within a 2024 municipality: `<municipality code>/<district>`. */
export const districtCodeSchema = z.string().regex(/^SV-[A-Z]{2}-[A-Z0-9-]+\/[A-Z0-9-]+$/);

/** RFC 3339 timestamp with an offset. */
export const dateTimeSchema = z.iso.datetime({ offset: true });

/** The officer or supervisor who acted, by pseudonymous reference (never a name). */
export const actorSchema = z.string().min(1).max(200).describe('Pseudonymous actor reference');

/** Version label of a questionnaire or of a scoring model (weights and item mapping). */
export const versionLabelSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/);

/** A sustainability score, normalised to 0–1 (1 = more sustainable). */
export const unitScoreSchema = z.number().min(0).max(1);

/** Score per dimension and composite; a dimension under ~60 % answered is absent. */
export const dimensionScoreFields = {
  economic: unitScoreSchema.optional(),
  social: unitScoreSchema.optional(),
  psychosocial: unitScoreSchema.optional(),
  composite: unitScoreSchema.optional(),
};

/**
 * `.refine()` arguments for "these statuses need a reasonCode": a negative outcome must say why,
 * with a code (never free text). Message: `dropped needs …`, `declined and not-completed need …`.
 */
export function reasonCodeRequiredFor(
  ...statuses: [string, ...string[]]
): [
  check: (data: { status: string; reasonCode?: string | undefined }) => boolean,
  params: { message: string; path: string[] },
] {
  const verb = statuses.length === 1 ? 'needs' : 'need';
  return [
    (data) => !statuses.includes(data.status) || data.reasonCode !== undefined,
    { message: `${statuses.join(' and ')} ${verb} a reasonCode`, path: ['reasonCode'] },
  ];
}
