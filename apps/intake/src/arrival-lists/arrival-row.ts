import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { foldName } from '../core/fold-name';
import { familyRoleSchema } from '../households/relationships';
import { type ReceptionPoint } from '@reintegra/vocabulary';
import { registerReturneeRequestSchema } from '../returnees/register-returnee.requests';

const registration = registerReturneeRequestSchema.shape;
const AIRPORT: ReceptionPoint = 'aeropuerto-internacional-san-oscar-romero';

/** One person on a flight or bus manifest; the same rules as a registration where fields match. */
export const arrivalRowSchema = z
  .object({
    transport: z.enum(['flight', 'bus']).describe('flight (vuelo) or bus'),
    tripNumber: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$/,
        bilingual('Número de vuelo o bus no válido.', 'Invalid flight or bus number.'),
      )
      .transform((value) => value.toUpperCase())
      .describe('Flight or bus number, e.g. GXA1234'),
    arrivalDate: registration.returnDate.describe('Fecha de llegada / arrival date (YYYY-MM-DD)'),
    receptionPoint: registration.receptionPoint,
    countryReturnedFrom: registration.countryReturnedFrom,
    firstNames: registration.firstNames,
    lastNames: registration.lastNames,
    dateOfBirth: registration.dateOfBirth,
    gender: registration.gender,
    dui: registration.dui,
    municipalityCode: registration.municipalityCode.optional(),
    familyGroup: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/,
        bilingual('Grupo familiar no válido.', 'Invalid family group.'),
      )
      .optional()
      .describe('Rows of one list with the same value are one family (one household)'),
    familyRole: familyRoleSchema.optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.arrivalDate < row.dateOfBirth) {
      ctx.addIssue({
        code: 'custom',
        path: ['arrivalDate'],
        message: bilingual(
          'La fecha de llegada es anterior al nacimiento.',
          'The arrival date is before the date of birth.',
        ),
      });
    }
    if (row.familyRole && !row.familyGroup) {
      ctx.addIssue({
        code: 'custom',
        path: ['familyRole'],
        message: bilingual(
          'Indique también el grupo familiar de la persona.',
          "Give the person's family group too.",
        ),
      });
    }
    if ((row.transport === 'flight') !== (row.receptionPoint === AIRPORT)) {
      ctx.addIssue({
        code: 'custom',
        path: ['receptionPoint'],
        message: bilingual(
          'Los vuelos llegan al aeropuerto; los buses, a una frontera terrestre.',
          'Flights arrive at the airport; buses at a land border.',
        ),
      });
    }
  });
export type ArrivalRow = z.infer<typeof arrivalRowSchema>;

/** Columns of an arrival list (CSV header, JSON row keys): the fields of a row, in order. */
export const ARRIVAL_COLUMNS = Object.keys(arrivalRowSchema.shape) as ReadonlyArray<
  keyof ArrivalRow
>;
/** Columns that may be left empty. */
export const OPTIONAL_ARRIVAL_COLUMNS: ReadonlySet<string> = new Set(
  ARRIVAL_COLUMNS.filter((column) => arrivalRowSchema.shape[column].safeParse(undefined).success),
);

const folded = (value: string) => foldName(value).replace(/\s+/g, ' ');

/**
 * The same person on the same trip, however a manifest spells their name (case, accents,
 * spacing): listed once across every import.
 */
export function naturalKeyOf(row: ArrivalRow): string {
  return [
    row.transport,
    row.tripNumber,
    row.arrivalDate,
    folded(row.firstNames),
    folded(row.lastNames),
    row.dateOfBirth,
  ].join('|');
}
