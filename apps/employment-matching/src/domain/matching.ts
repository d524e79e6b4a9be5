import { findOccupation } from '@reintegra/reference-data';
import {
  type CandidatePlace,
  PROXIMITY_SCORE,
  proximity,
  type ProximityLevel,
  type VacancyPlace,
} from './location';
import { countSlots, slotNames } from './schedule';
import { skillLabel } from './skills';

/**
 * Explainable matching of candidates and vacancies.
 *
 * What a match may look at is exactly what these two types hold: occupations with years of
 * experience (wherever gained), skills, certifications, places and working time, plus the legal
 * minimum age (a minor may not take an adults-only job: hazardous work, Código de Trabajo). It
 * cannot see gender, age, nationality or return history: they are not inputs, so no weight,
 * tie-break or filter can use them.
 */
export interface MatchCandidate extends CandidatePlace {
  id: string;
  occupations: readonly { iscoCode: string; years: number }[];
  skills: readonly string[];
  certifications: readonly string[];
  /** Weekly slots the person can work (see schedule.ts). */
  availability: number;
  /** Under 18: only the legal minimum-age rule uses it. */
  minor: boolean;
}

export interface MatchVacancy extends VacancyPlace {
  id: string;
  iscoCode: string;
  requiredSkills: readonly string[];
  desirableSkills: readonly string[];
  requiredCertifications: readonly string[];
  minExperienceYears: number;
  schedule: number;
  adultsOnly: boolean;
}

/** Weights of the parts of the score (sum 1); the score is 0–100. */
export const WEIGHTS = {
  occupation: 0.35,
  requiredSkills: 0.25,
  desirableSkills: 0.05,
  certifications: 0.1,
  location: 0.15,
  schedule: 0.1,
} as const;

export type OccupationLevel =
  | 'same-occupation'
  | 'same-minor-group'
  | 'same-sub-major-group'
  | 'same-major-group'
  | 'different';

/** ISCO-08 is hierarchical: the longer the shared code prefix, the closer the trades. */
export const OCCUPATION_SCORE: Record<OccupationLevel, number> = {
  'same-occupation': 1,
  'same-minor-group': 0.6,
  'same-sub-major-group': 0.3,
  'same-major-group': 0.1,
  different: 0,
};
export const LEVEL_BY_SHARED_DIGITS: readonly OccupationLevel[] = [
  'different',
  'same-major-group',
  'same-sub-major-group',
  'same-minor-group',
  'same-occupation',
];

/** Leading ISCO-08 digits two codes share (0–4): the distance in the hierarchy. */
export function sharedDigits(a: string, b: string): number {
  let shared = 0;
  while (shared < 4 && a[shared] === b[shared]) shared += 1;
  return shared;
}

function occupationLevel(a: string, b: string): OccupationLevel {
  return LEVEL_BY_SHARED_DIGITS[sharedDigits(a, b)] ?? 'different';
}

export type MissingRequirement =
  | { kind: 'skill'; code: string }
  | { kind: 'certification'; code: string }
  | { kind: 'experience'; requiredYears: number; years: number }
  | { kind: 'occupation'; iscoCode: string };

export interface MatchExplanation {
  score: number;
  occupation: {
    level: OccupationLevel;
    vacancyIscoCode: string;
    candidateIscoCode: string | null;
    years: number;
    score: number;
  };
  skills: { matchedRequired: string[]; missingRequired: string[]; matchedDesirable: string[] };
  certifications: { held: string[]; missing: string[] };
  location: { level: ProximityLevel; vacancyMunicipalityCode: string; score: number };
  schedule: { fit: number; uncoveredSlots: string[] };
  missingRequirements: MissingRequirement[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;
/** The matched part of what is wanted (all of nothing wanted). */
export const share = (matched: number, total: number) => (total === 0 ? 1 : matched / total);

/** The occupation's score, cut for fewer years than the vacancy asks (half of it at none). */
export function withExperience(occupationScore: number, years: number, minYears: number): number {
  return minYears > 0 && years < minYears
    ? occupationScore * (0.5 + 0.5 * (years / minYears))
    : occupationScore;
}

/**
 * The score (0–100, one decimal) from its weighted parts, each 0–1. The one arithmetic of a
 * match: partsOf and the compiled ranking (match-codes.ts) both call it, so their scores agree
 * to the last bit. Plain numbers, no object: ranking calls it for every row.
 */
export function weightedScore(
  occupation: number,
  requiredSkills: number,
  desirableSkills: number,
  certifications: number,
  location: number,
  schedule: number,
): number {
  return round1(
    100 *
      (WEIGHTS.occupation * occupation +
        WEIGHTS.requiredSkills * requiredSkills +
        WEIGHTS.desirableSkills * desirableSkills +
        WEIGHTS.certifications * certifications +
        WEIGHTS.location * location +
        WEIGHTS.schedule * schedule),
  );
}

function countIn(wanted: readonly string[], held: readonly string[]): number {
  let count = 0;
  for (const code of wanted) if (held.includes(code)) count += 1;
  return count;
}

/** The parts of a score, computed without building any list (ranking scores every row). */
interface Parts {
  level: OccupationLevel;
  iscoCode: string | null;
  years: number;
  occupationScore: number;
  requiredMatched: number;
  desirableMatched: number;
  certificationsHeld: number;
  proximity: ProximityLevel;
  fit: number;
  score: number;
}

function partsOf(candidate: MatchCandidate, vacancy: MatchVacancy): Parts | undefined {
  if (vacancy.adultsOnly && candidate.minor) return undefined;
  let level: OccupationLevel = 'different';
  let iscoCode: string | null = null;
  let years = 0;
  for (const occupation of candidate.occupations) {
    const candidateLevel = occupationLevel(occupation.iscoCode, vacancy.iscoCode);
    const better =
      OCCUPATION_SCORE[candidateLevel] > OCCUPATION_SCORE[level] ||
      (candidateLevel === level && occupation.years > years);
    if (better) {
      level = candidateLevel;
      iscoCode = occupation.iscoCode;
      years = occupation.years;
    }
  }
  const occupationScore = withExperience(
    OCCUPATION_SCORE[level],
    years,
    vacancy.minExperienceYears,
  );
  const requiredMatched = countIn(vacancy.requiredSkills, candidate.skills);
  const desirableMatched = countIn(vacancy.desirableSkills, candidate.skills);
  const certificationsHeld = countIn(vacancy.requiredCertifications, candidate.certifications);
  const place = proximity(candidate, vacancy);
  const wanted = countSlots(vacancy.schedule);
  const fit = share(wanted - countSlots(vacancy.schedule & ~candidate.availability), wanted);
  const score = weightedScore(
    occupationScore,
    share(requiredMatched, vacancy.requiredSkills.length),
    share(desirableMatched, vacancy.desirableSkills.length),
    share(certificationsHeld, vacancy.requiredCertifications.length),
    PROXIMITY_SCORE[place],
    fit,
  );
  return {
    level,
    iscoCode,
    years,
    occupationScore,
    requiredMatched,
    desirableMatched,
    certificationsHeld,
    proximity: place,
    fit,
    score,
  };
}

/** The score alone (0–100), or undefined when the law rules the match out. */
export function matchScore(candidate: MatchCandidate, vacancy: MatchVacancy): number | undefined {
  return partsOf(candidate, vacancy)?.score;
}

/**
 * Score and explanation of one candidate for one vacancy, or undefined when the law rules the
 * match out (a minor and an adults-only job).
 */
export function explainMatch(
  candidate: MatchCandidate,
  vacancy: MatchVacancy,
): MatchExplanation | undefined {
  const parts = partsOf(candidate, vacancy);
  if (!parts) return undefined;
  const missingRequirements: MissingRequirement[] = [];
  if (parts.level === 'different') {
    missingRequirements.push({ kind: 'occupation', iscoCode: vacancy.iscoCode });
  }
  if (vacancy.minExperienceYears > 0 && parts.years < vacancy.minExperienceYears) {
    missingRequirements.push({
      kind: 'experience',
      requiredYears: vacancy.minExperienceYears,
      years: parts.years,
    });
  }
  const held = (code: string) => candidate.skills.includes(code);
  const missingRequired = vacancy.requiredSkills.filter((code) => !held(code));
  const missingCertifications = vacancy.requiredCertifications.filter(
    (code) => !candidate.certifications.includes(code),
  );
  for (const code of missingRequired) missingRequirements.push({ kind: 'skill', code });
  for (const code of missingCertifications) {
    missingRequirements.push({ kind: 'certification', code });
  }
  return {
    score: parts.score,
    occupation: {
      level: parts.level,
      vacancyIscoCode: vacancy.iscoCode,
      candidateIscoCode: parts.iscoCode,
      years: parts.years,
      score: round1(parts.occupationScore),
    },
    skills: {
      matchedRequired: vacancy.requiredSkills.filter(held),
      missingRequired,
      matchedDesirable: vacancy.desirableSkills.filter(held),
    },
    certifications: {
      held: vacancy.requiredCertifications.filter((code) =>
        candidate.certifications.includes(code),
      ),
      missing: missingCertifications,
    },
    location: {
      level: parts.proximity,
      vacancyMunicipalityCode: vacancy.municipalityCode,
      score: PROXIMITY_SCORE[parts.proximity],
    },
    schedule: {
      fit: round1(parts.fit * 100) / 100,
      uncoveredSlots: slotNames(vacancy.schedule & ~candidate.availability),
    },
    missingRequirements,
  };
}

export interface Ranked<T> {
  item: T;
  explanation: MatchExplanation;
}

const before = (a: { score: number; id: string }, b: { score: number; id: string }) =>
  a.score > b.score || (a.score === b.score && a.id < b.id);

/**
 * The best `limit` of `items`, best first; equal scores in a stable order (by id), never by
 * anything about the person. Every item is scored; only the kept ones are explained.
 */
function rankBy<T extends { id: string }>(
  items: readonly T[],
  limit: number,
  score: (item: T) => number | undefined,
  explain: (item: T) => MatchExplanation | undefined,
): Ranked<T>[] {
  const kept: { score: number; id: string; item: T }[] = [];
  for (const item of items) {
    const value = score(item);
    if (value === undefined) continue;
    const entry = { score: value, id: item.id, item };
    const last = kept[kept.length - 1];
    if (kept.length >= limit && last && !before(entry, last)) continue;
    let at = kept.length;
    while (at > 0 && before(entry, kept[at - 1] as (typeof kept)[number])) at -= 1;
    kept.splice(at, 0, entry);
    if (kept.length > limit) kept.pop();
  }
  return kept.flatMap(({ item }) => {
    const explanation = explain(item);
    return explanation ? [{ item, explanation }] : [];
  });
}

/** Open vacancies for one candidate, best first. */
export function rankVacancies<V extends MatchVacancy>(
  candidate: MatchCandidate,
  vacancies: readonly V[],
  limit: number,
): Ranked<V>[] {
  return rankBy(
    vacancies,
    limit,
    (vacancy) => matchScore(candidate, vacancy),
    (vacancy) => explainMatch(candidate, vacancy),
  );
}

/** Candidates for one vacancy, best first. */
export function rankCandidates<C extends MatchCandidate>(
  vacancy: MatchVacancy,
  candidates: readonly C[],
  limit: number,
): Ranked<C>[] {
  return rankBy(
    candidates,
    limit,
    (candidate) => matchScore(candidate, vacancy),
    (candidate) => explainMatch(candidate, vacancy),
  );
}

const LEVEL_TEXT: Record<OccupationLevel, { es: string; en: string }> = {
  'same-occupation': { es: 'misma ocupación', en: 'same occupation' },
  'same-minor-group': { es: 'ocupación afín', en: 'related occupation' },
  'same-sub-major-group': { es: 'mismo campo de oficios', en: 'same trade field' },
  'same-major-group': { es: 'mismo gran grupo ocupacional', en: 'same major occupational group' },
  different: { es: 'otra ocupación', en: 'different occupation' },
};
const PLACE_TEXT: Record<ProximityLevel, { es: string; en: string }> = {
  'same-district': { es: 'en su distrito', en: 'in their district' },
  'same-municipality': { es: 'en su municipio', en: 'in their municipality' },
  'same-department': { es: 'en su departamento', en: 'in their department' },
  elsewhere: { es: 'en otro departamento', en: 'in another department' },
};

/** One sentence per language that says why the score is what it is. */
export function summarise(explanation: MatchExplanation): { es: string; en: string } {
  const { occupation, skills, certifications, location, schedule } = explanation;
  const title = findOccupation(occupation.vacancyIscoCode);
  const level = LEVEL_TEXT[occupation.level];
  const place = PLACE_TEXT[location.level];
  const required = skills.matchedRequired.length + skills.missingRequired.length;
  const missing = [
    ...skills.missingRequired.map((code) => skillLabel(code)),
    ...certifications.missing.map((code) => skillLabel(code)),
  ];
  const experience = explanation.missingRequirements.find((m) => m.kind === 'experience');
  const es = [
    `${level.es} (${occupation.vacancyIscoCode} ${title?.titleEs ?? ''})`.replace(' )', ')'),
    `${occupation.years} años de experiencia`,
    `${skills.matchedRequired.length} de ${required} habilidades requeridas`,
    ...(missing.length ? [`falta: ${missing.map((m) => m.es).join(', ')}`] : []),
    ...(experience ? [`se piden ${experience.requiredYears} años de experiencia`] : []),
    place.es,
    `horario cubierto ${Math.round(schedule.fit * 100)} %`,
  ];
  const en = [
    `${level.en} (${occupation.vacancyIscoCode} ${title?.titleEn ?? ''})`.replace(' )', ')'),
    `${occupation.years} years of experience`,
    `${skills.matchedRequired.length} of ${required} required skills`,
    ...(missing.length ? [`missing: ${missing.map((m) => m.en).join(', ')}`] : []),
    ...(experience ? [`${experience.requiredYears} years of experience asked`] : []),
    place.en,
    `schedule covered ${Math.round(schedule.fit * 100)}%`,
  ];
  return { es: `${es.join('; ')}.`, en: `${en.join('; ')}.` };
}
