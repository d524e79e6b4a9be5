import { departmentOf } from './location';
import {
  type MatchCandidate,
  type MatchVacancy,
  OCCUPATION_SCORE,
  LEVEL_BY_SHARED_DIGITS,
  share,
  sharedDigits,
  weightedScore,
  withExperience,
} from './matching';
import { countSlots } from './schedule';

/**
 * The fast path of ranking (domain/matching.ts stays the definition). Ranking scores every open
 * row for each request; comparing strings there (skill codes with `includes`, municipality and
 * department look-ups, ISCO prefixes) was most of a ranking's time. Codes are therefore turned
 * into small integers once, when a row enters the match index, and a ranking compares numbers:
 * membership tables for the skills and certificates of the side that is fixed, the ISCO-08
 * distance of each occupation code to the fixed side computed once per code, and no object
 * built per scored row. The score is computed with the very same arithmetic, term by term, so it
 * is equal to `matchScore` to the last bit (match-codes.spec.ts compares both on random rows).
 */

/** Small integers for codes: ids are dense (0, 1, 2…) and never change while the index lives. */
export class CodeTable {
  private readonly ids = new Map<string, number>();
  readonly codes: string[] = [];

  id(code: string): number {
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.ids.set(code, id);
      this.codes.push(code);
    }
    return id;
  }

  get size(): number {
    return this.codes.length;
  }
}

/** The tables of one match index: skills and certificates share one, places another. */
export class MatchCodes {
  readonly skills = new CodeTable();
  readonly places = new CodeTable();
  readonly departments = new CodeTable();
  readonly occupations = new CodeTable();
}

const NONE = -1;
/** A vacancy without a district: never equal to any candidate's (NONE there). */
const NO_DISTRICT = -2;

export interface CandidateCodes {
  occupations: number[];
  years: number[];
  /** Distinct codes: a count over them counts each wanted code once per time it is wanted. */
  skills: number[];
  certifications: number[];
  district: number;
  municipality: number;
  department: number;
  preferred: number[];
  preferredDepartments: number[];
  availability: number;
  minor: boolean;
}

export interface VacancyCodes {
  occupation: number;
  requiredSkills: number[];
  desirableSkills: number[];
  requiredCertifications: number[];
  municipality: number;
  district: number;
  department: number;
  minExperienceYears: number;
  schedule: number;
  wantedSlots: number;
  adultsOnly: boolean;
}

const department = (codes: MatchCodes, municipality: string | null) => {
  const code = departmentOf(municipality);
  return code === undefined ? NONE : codes.departments.id(code);
};
const distinct = (table: CodeTable, values: readonly string[]) => [
  ...new Set(values.map((value) => table.id(value))),
];

export function encodeCandidate(codes: MatchCodes, candidate: MatchCandidate): CandidateCodes {
  return {
    occupations: candidate.occupations.map((o) => codes.occupations.id(o.iscoCode)),
    years: candidate.occupations.map((o) => o.years),
    skills: distinct(codes.skills, candidate.skills),
    certifications: distinct(codes.skills, candidate.certifications),
    district: candidate.districtCode ? codes.places.id(candidate.districtCode) : NONE,
    municipality:
      candidate.municipalityCode === null ? NONE : codes.places.id(candidate.municipalityCode),
    department: department(codes, candidate.municipalityCode),
    preferred: candidate.preferredMunicipalityCodes.map((code) => codes.places.id(code)),
    preferredDepartments: candidate.preferredMunicipalityCodes.map((code) =>
      department(codes, code),
    ),
    availability: candidate.availability,
    minor: candidate.minor,
  };
}

export function encodeVacancy(codes: MatchCodes, vacancy: MatchVacancy): VacancyCodes {
  return {
    occupation: codes.occupations.id(vacancy.iscoCode),
    requiredSkills: vacancy.requiredSkills.map((code) => codes.skills.id(code)),
    desirableSkills: vacancy.desirableSkills.map((code) => codes.skills.id(code)),
    requiredCertifications: vacancy.requiredCertifications.map((code) => codes.skills.id(code)),
    municipality: codes.places.id(vacancy.municipalityCode),
    district: vacancy.districtCode === null ? NO_DISTRICT : codes.places.id(vacancy.districtCode),
    department: department(codes, vacancy.municipalityCode),
    minExperienceYears: vacancy.minExperienceYears,
    schedule: vacancy.schedule,
    wantedSlots: countSlots(vacancy.schedule),
    adultsOnly: vacancy.adultsOnly,
  };
}

/** Occupation score by shared ISCO digits (0–4), and proximity score by level (as in location.ts). */
const OCCUPATION_BY_DIGITS = LEVEL_BY_SHARED_DIGITS.map((level) => OCCUPATION_SCORE[level]);
const PROXIMITY_BY_LEVEL = [1, 0.8, 0.45, 0.1] as const;

function proximityLevel(c: CandidateCodes, v: VacancyCodes): 0 | 1 | 2 | 3 {
  if (c.district !== NONE && c.district === v.district) return 0;
  if (c.municipality === v.municipality || c.preferred.includes(v.municipality)) return 1;
  if (v.department === NONE) return 3;
  if (c.department === v.department || c.preferredDepartments.includes(v.department)) return 2;
  return 3;
}

/**
 * What one side of a ranking looks like to the other: `digits[i]` the ISCO digits occupation
 * code i shares with the fixed vacancy (or each of the fixed candidate's occupations), computed
 * on first use; counts of the fixed side's codes by id.
 */
class DigitsTo {
  private readonly digits: Int8Array;
  constructor(
    private readonly table: CodeTable,
    private readonly code: string,
  ) {
    this.digits = new Int8Array(table.size).fill(-1);
  }
  of(id: number): number {
    let digits = this.digits[id] as number;
    if (digits < 0) {
      digits = sharedDigits(this.table.codes[id] as string, this.code);
      this.digits[id] = digits;
    }
    return digits;
  }
}

/** The score of one row, its parts counted on codes and weighted by matching.ts's weightedScore. */
function scoreOf(
  digits: number,
  years: number,
  v: VacancyCodes,
  requiredMatched: number,
  desirableMatched: number,
  certificationsHeld: number,
  place: 0 | 1 | 2 | 3,
  availability: number,
): number {
  const wanted = v.wantedSlots;
  return weightedScore(
    withExperience(OCCUPATION_BY_DIGITS[digits] as number, years, v.minExperienceYears),
    share(requiredMatched, v.requiredSkills.length),
    share(desirableMatched, v.desirableSkills.length),
    share(certificationsHeld, v.requiredCertifications.length),
    PROXIMITY_BY_LEVEL[place] as number,
    share(wanted - countSlots(v.schedule & ~availability), wanted),
  );
}

/** Best occupation as partsOf picks it: most shared digits, then most years, first wins ties. */
function bestOccupation(c: CandidateCodes, digitsOf: (index: number, id: number) => number) {
  let best = 0;
  let years = 0;
  for (let i = 0; i < c.occupations.length; i += 1) {
    const digits = digitsOf(i, c.occupations[i] as number);
    const y = c.years[i] as number;
    if (digits > best || (digits === best && y > years)) {
      best = digits;
      years = y;
    }
  }
  return { best, years };
}

/** Scores of many candidates for one vacancy; NaN where the law rules the match out. */
export function candidateScorer(codes: MatchCodes, vacancyCode: string, v: VacancyCodes) {
  const digits = new DigitsTo(codes.occupations, vacancyCode);
  const count = (ids: readonly number[]) => {
    const table = new Int32Array(codes.skills.size);
    for (const id of ids) table[id] = (table[id] as number) + 1;
    return table;
  };
  const required = count(v.requiredSkills);
  const desirable = count(v.desirableSkills);
  const certificates = count(v.requiredCertifications);
  return (c: CandidateCodes): number => {
    if (v.adultsOnly && c.minor) return Number.NaN;
    const { best, years } = bestOccupation(c, (_i, id) => digits.of(id));
    let requiredMatched = 0;
    let desirableMatched = 0;
    for (const id of c.skills) {
      requiredMatched += required[id] as number;
      desirableMatched += desirable[id] as number;
    }
    let certificationsHeld = 0;
    for (const id of c.certifications) certificationsHeld += certificates[id] as number;
    return scoreOf(
      best,
      years,
      v,
      requiredMatched,
      desirableMatched,
      certificationsHeld,
      proximityLevel(c, v),
      c.availability,
    );
  };
}

/** Scores of many vacancies for one candidate; NaN where the law rules the match out. */
export function vacancyScorer(codes: MatchCodes, candidate: MatchCandidate, c: CandidateCodes) {
  const digits = candidate.occupations.map((o) => new DigitsTo(codes.occupations, o.iscoCode));
  const held = (ids: readonly number[]) => {
    const table = new Uint8Array(codes.skills.size);
    for (const id of ids) table[id] = 1;
    return table;
  };
  const skills = held(c.skills);
  const certificates = held(c.certifications);
  const countIn = (ids: readonly number[], table: Uint8Array) => {
    let count = 0;
    for (const id of ids) count += table[id] as number;
    return count;
  };
  return (v: VacancyCodes): number => {
    if (v.adultsOnly && c.minor) return Number.NaN;
    const { best, years } = bestOccupation(c, (i) => (digits[i] as DigitsTo).of(v.occupation));
    return scoreOf(
      best,
      years,
      v,
      countIn(v.requiredSkills, skills),
      countIn(v.desirableSkills, skills),
      countIn(v.requiredCertifications, certificates),
      proximityLevel(c, v),
      c.availability,
    );
  };
}

/**
 * The best `limit` items by score, then id (as matching.ts's rankBy): an item is only kept, and
 * only then allocated for, when it beats the last kept one. NaN scores are left out.
 */
export function topByScore<T>(
  items: Iterable<T>,
  limit: number,
  score: (item: T) => number,
  idOf: (item: T) => string,
): T[] {
  const kept: { score: number; id: string; item: T }[] = [];
  for (const item of items) {
    const value = score(item);
    if (Number.isNaN(value)) continue;
    const last = kept[kept.length - 1];
    if (kept.length >= limit && last) {
      if (value < last.score) continue;
      if (value === last.score && !(idOf(item) < last.id)) continue;
    }
    const entry = { score: value, id: idOf(item), item };
    let at = kept.length;
    while (at > 0) {
      const previous = kept[at - 1] as (typeof kept)[number];
      if (
        !(
          entry.score > previous.score ||
          (entry.score === previous.score && entry.id < previous.id)
        )
      )
        break;
      at -= 1;
    }
    kept.splice(at, 0, entry);
    if (kept.length > limit) kept.pop();
  }
  return kept.map((entry) => entry.item);
}
