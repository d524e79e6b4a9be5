import { generatePerson } from './people';
import { SeededRandom } from './random';
import type { Transport } from './return-flows';
import { generateTrip } from './returnees';

/** A row of an arrival list (flight or bus manifest), as intake imports it. */
export interface ArrivalRow {
  readonly transport: Transport;
  readonly tripNumber: string;
  readonly arrivalDate: string;
  readonly receptionPoint: string;
  readonly countryReturnedFrom: string;
  readonly firstNames: string;
  readonly lastNames: string;
  readonly dateOfBirth: string;
  readonly gender: string;
  readonly dui?: string;
  readonly municipalityCode?: string;
}

/** CSV header of an arrival list, in this order. */
export const ARRIVAL_LIST_COLUMNS = [
  'transport',
  'tripNumber',
  'arrivalDate',
  'receptionPoint',
  'countryReturnedFrom',
  'firstNames',
  'lastNames',
  'dateOfBirth',
  'gender',
  'dui',
  'municipalityCode',
] as const satisfies ReadonlyArray<keyof ArrivalRow>;

/**
 * The manifest of one flight or bus arriving on `arrivalDate`: `size` people (default: a size
 * typical of the trip), some without DUI or municipality, as manifests come. Deterministic.
 */
export function generateArrivalList(options: {
  seed: string | number;
  arrivalDate: string;
  size?: number;
  tripNumber?: string;
}): ArrivalRow[] {
  const random = new SeededRandom(options.seed);
  const trip = generateTrip(random, options.arrivalDate);
  const size = options.size ?? random.int(...trip.flow.tripSize);
  const usedDuis = new Set<string>();
  return Array.from({ length: size }, () => {
    const person = generatePerson(random, trip.date, usedDuis);
    const withMunicipality = random.chance(0.7);
    return {
      transport: trip.flow.transport,
      tripNumber: options.tripNumber ?? trip.number,
      arrivalDate: trip.date,
      receptionPoint: trip.receptionPoint,
      countryReturnedFrom: trip.flow.countryReturnedFrom,
      firstNames: person.firstNames,
      lastNames: person.lastNames,
      dateOfBirth: person.dateOfBirth,
      gender: person.gender,
      ...(person.dui ? { dui: person.dui } : {}),
      ...(withMunicipality ? { municipalityCode: person.municipalityCode } : {}),
    };
  });
}

const csvCell = (value: string | undefined) =>
  value === undefined ? '' : /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The list as CSV text with its header line. */
export function arrivalListCsv(rows: readonly ArrivalRow[]): string {
  const lines = rows.map((row) =>
    ARRIVAL_LIST_COLUMNS.map((column) => csvCell(row[column])).join(','),
  );
  return `${[ARRIVAL_LIST_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
