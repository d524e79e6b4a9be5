import { districts, municipalities } from '@reintegra/reference-data';
import {
  byFrequency,
  FEMALE_GIVEN_NAMES,
  FEMALE_SECOND_NAMES,
  MALE_GIVEN_NAMES,
  MALE_SECOND_NAMES,
  SURNAMES,
} from './names';
import type { SeededRandom } from './random';

export type Gender = 'female' | 'male' | 'other' | 'undisclosed';

/** A fictional person as intake registers them. */
export interface DemoPerson {
  readonly dui?: string;
  readonly firstNames: string;
  readonly lastNames: string;
  readonly dateOfBirth: string;
  readonly gender: Gender;
  readonly contact?: { readonly phone: string };
  readonly municipalityCode: string;
  readonly districtCode: string;
}

/** Municipalities many returnees come back to (emigration is highest in the east and centre). */
const MUNICIPALITY_WEIGHTS: Record<string, number> = {
  'SV-PA-LA-PAZ-ESTE': 12, // the demo municipality (Zacatecoluca)
  'SV-SS-SAN-SALVADOR-CENTRO': 8,
  'SV-SM-SAN-MIGUEL-CENTRO': 6,
  'SV-SA-SANTA-ANA-CENTRO': 5,
  'SV-US-USULUTAN-ESTE': 4,
  'SV-UN-LA-UNION-SUR': 4,
  'SV-LI-LA-LIBERTAD-SUR': 3,
  'SV-SO-SONSONATE-CENTRO': 3,
  'SV-CA-CABANAS-ESTE': 3,
  'SV-CH-CHALATENANGO-CENTRO': 2,
};
const WEIGHTED_MUNICIPALITIES = municipalities.map(
  (m) => [m.code, MUNICIPALITY_WEIGHTS[m.code] ?? 1] as const,
);

const DISTRICTS_BY_MUNICIPALITY = new Map(
  municipalities.map((m) => [m.code, districts.filter((d) => d.municipalityCode === m.code)]),
);
const NAME_WEIGHTS = {
  female: [byFrequency(FEMALE_GIVEN_NAMES), byFrequency(FEMALE_SECOND_NAMES)],
  male: [byFrequency(MALE_GIVEN_NAMES), byFrequency(MALE_SECOND_NAMES)],
} as const;
const SURNAME_WEIGHTS = byFrequency(SURNAMES);

const GENDERS: ReadonlyArray<readonly [Gender, number]> = [
  ['male', 72],
  ['female', 27],
  ['other', 0.5],
  ['undisclosed', 0.5],
];

/** Ages in years with weights: about 1 in 5 returnees is a minor, mostly teenagers. */
const MINOR_AGES = byAgeBands([
  [1, 5, 1],
  [6, 12, 2],
  [13, 17, 5],
]);
const ADULT_AGES = byAgeBands([
  [18, 25, 4],
  [26, 35, 5],
  [36, 45, 3],
  [46, 65, 1],
]);
export const MINOR_SHARE = 0.2;

function byAgeBands(bands: ReadonlyArray<readonly [number, number, number]>) {
  return bands.flatMap(([from, to, weight]) =>
    Array.from({ length: to - from + 1 }, (_, i) => [from + i, weight] as const),
  );
}

/**
 * The check digit intake verifies: weights 9..2 over the eight digits, (10 - sum mod 10) mod 10.
 * Intake's tests check every generated DUI with intake's own validator.
 */
export function duiCheckDigit(eightDigits: string): number {
  const sum = [...eightDigits].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0);
  return (10 - (sum % 10)) % 10;
}

/** YYYY-MM-DD plus a number of days (negative: before). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A birth date making someone exactly `age` years old on `on`. */
function birthDateForAge(random: SeededRandom, age: number, on: string): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  // Latest birth date for that age is the same day `age` years earlier (Feb 29 → Feb 28).
  const latest = `${y - age}-${pad(m)}-${pad(m === 2 && d === 29 ? 28 : d)}`;
  return addDays(latest, -random.int(0, 364));
}

function givenNames(random: SeededRandom, gender: Gender): string {
  const female = gender === 'female' || (gender !== 'male' && random.chance(0.5));
  const [first, second] = NAME_WEIGHTS[female ? 'female' : 'male'];
  const name = random.weighted(first);
  if (!random.chance(0.85)) return name;
  let secondName = random.weighted(second);
  while (secondName === name) secondName = random.weighted(second);
  return `${name} ${secondName}`;
}

function surnames(random: SeededRandom): string {
  const father = random.weighted(SURNAME_WEIGHTS);
  let mother = random.weighted(SURNAME_WEIGHTS);
  while (mother === father) mother = random.weighted(SURNAME_WEIGHTS);
  return `${father} ${mother}`;
}

/** A fictional person returning on `on`; `usedDuis` keeps DUIs unique across a generation. */
export function generatePerson(
  random: SeededRandom,
  on: string,
  usedDuis: Set<string>,
): DemoPerson {
  const gender = random.weighted(GENDERS);
  const minor = random.chance(MINOR_SHARE);
  const age = random.weighted(minor ? MINOR_AGES : ADULT_AGES);
  const municipalityCode = random.weighted(WEIGHTED_MUNICIPALITIES);
  const districtCode = random.pick(DISTRICTS_BY_MUNICIPALITY.get(municipalityCode) ?? []).code;
  // Adults mostly carry their DUI; minors have none.
  let dui: string | undefined;
  if (!minor && random.chance(0.93)) {
    do {
      const digits = `0${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
      dui = `${digits}-${duiCheckDigit(digits)}`;
    } while (usedDuis.has(dui));
    usedDuis.add(dui);
  }
  const phone =
    !minor && random.chance(0.6)
      ? `+503 ${random.pick(['6', '7'])}${random.int(100, 999)}-${random.int(1000, 9999)}`
      : undefined;
  return {
    ...(dui ? { dui } : {}),
    firstNames: givenNames(random, gender),
    lastNames: surnames(random),
    dateOfBirth: birthDateForAge(random, age, on),
    gender,
    ...(phone ? { contact: { phone } } : {}),
    municipalityCode,
    districtCode,
  };
}
