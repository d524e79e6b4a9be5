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
const OCCUPATION_SCORE: Record<OccupationLevel, number> = {
  'same-occupation': 1,
  'same-minor-group': 0.6,
  'same-sub-major-group': 0.3,
  'same-major-group': 0.1,
  different: 0,
};
const LEVEL_BY_SHARED_DIGITS: readonly OccupationLevel[] = [
  'different',
  'same-major-group',
  'same-sub-major-group',
  'same-minor-group',
  'same-occupation',
];

function occupationLevel(a: string, b: string): OccupationLevel {
  let shared = 0;
  while (shared < 4 && a[shared] === b[shared]) shared += 1;
  return LEVEL_BY_SHARED_DIGITS[shared] ?? 'different';
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
const share = (matched: number, total: number) => (total === 0 ? 1 : matched / total);

/**
 * Score and explanation of one candidate for one vacancy, or undefined when the law rules the
 * match out (a minor and an adults-only job).
 */
export function explainMatch(
  candidate: MatchCandidate,
  vacancy: MatchVacancy,
): MatchExplanation | undefined {
  if (vacancy.adultsOnly && candidate.minor) return undefined;

  let best: { iscoCode: string | null; years: number; level: OccupationLevel } = {
    iscoCode: null,
    years: 0,
    level: 'different',
  };
  for (const occupation of candidate.occupations) {
    const level = occupationLevel(occupation.iscoCode, vacancy.iscoCode);
    const better =
      OCCUPATION_SCORE[level] > OCCUPATION_SCORE[best.level] ||
      (level === best.level && occupation.years > best.years);
    if (better) best = { iscoCode: occupation.iscoCode, years: occupation.years, level };
  }
  const missingRequirements: MissingRequirement[] = [];
  let occupationScore = OCCUPATION_SCORE[best.level];
  if (best.level === 'different') {
    missingRequirements.push({ kind: 'occupation', iscoCode: vacancy.iscoCode });
  }
  if (vacancy.minExperienceYears > 0 && best.years < vacancy.minExperienceYears) {
    missingRequirements.push({
      kind: 'experience',
      requiredYears: vacancy.minExperienceYears,
      years: best.years,
    });
    occupationScore *= 0.5 + 0.5 * (best.years / vacancy.minExperienceYears);
  }

  const matchedRequired: string[] = [];
  const missingRequired: string[] = [];
  for (const skill of vacancy.requiredSkills) {
    (candidate.skills.includes(skill) ? matchedRequired : missingRequired).push(skill);
  }
  for (const code of missingRequired) missingRequirements.push({ kind: 'skill', code });
  const matchedDesirable = vacancy.desirableSkills.filter((skill) =>
    candidate.skills.includes(skill),
  );
  const held: string[] = [];
  const missingCertifications: string[] = [];
  for (const code of vacancy.requiredCertifications) {
    (candidate.certifications.includes(code) ? held : missingCertifications).push(code);
  }
  for (const code of missingCertifications) {
    missingRequirements.push({ kind: 'certification', code });
  }

  const level = proximity(candidate, vacancy);
  const wanted = countSlots(vacancy.schedule);
  const uncovered = vacancy.schedule & ~candidate.availability;
  const fit = share(wanted - countSlots(uncovered), wanted);

  const score =
    100 *
    (WEIGHTS.occupation * occupationScore +
      WEIGHTS.requiredSkills * share(matchedRequired.length, vacancy.requiredSkills.length) +
      WEIGHTS.desirableSkills * share(matchedDesirable.length, vacancy.desirableSkills.length) +
      WEIGHTS.certifications * share(held.length, vacancy.requiredCertifications.length) +
      WEIGHTS.location * PROXIMITY_SCORE[level] +
      WEIGHTS.schedule * fit);

  return {
    score: round1(score),
    occupation: {
      level: best.level,
      vacancyIscoCode: vacancy.iscoCode,
      candidateIscoCode: best.iscoCode,
      years: best.years,
      score: round1(occupationScore),
    },
    skills: { matchedRequired, missingRequired, matchedDesirable },
    certifications: { held, missing: missingCertifications },
    location: {
      level,
      vacancyMunicipalityCode: vacancy.municipalityCode,
      score: PROXIMITY_SCORE[level],
    },
    schedule: { fit: round1(fit * 100) / 100, uncoveredSlots: slotNames(uncovered) },
    missingRequirements,
  };
}

export interface Ranked<T> {
  item: T;
  explanation: MatchExplanation;
}

/** Best first; equal scores in a stable order (by id), never by anything about the person. */
export function rank<T extends { id: string }>(
  pairs: Iterable<{ item: T; explanation: MatchExplanation | undefined }>,
  limit: number,
): Ranked<T>[] {
  const scored: Ranked<T>[] = [];
  for (const { item, explanation } of pairs) if (explanation) scored.push({ item, explanation });
  return scored
    .sort(
      (a, b) =>
        b.explanation.score - a.explanation.score ||
        (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
    )
    .slice(0, limit);
}

/** Open vacancies for one candidate, best first. */
export function rankVacancies<V extends MatchVacancy>(
  candidate: MatchCandidate,
  vacancies: readonly V[],
  limit: number,
): Ranked<V>[] {
  return rank(
    vacancies.map((vacancy) => ({ item: vacancy, explanation: explainMatch(candidate, vacancy) })),
    limit,
  );
}

/** Candidates for one vacancy, best first. */
export function rankCandidates<C extends MatchCandidate>(
  vacancy: MatchVacancy,
  candidates: readonly C[],
  limit: number,
): Ranked<C>[] {
  return rank(
    candidates.map((candidate) => ({
      item: candidate,
      explanation: explainMatch(candidate, vacancy),
    })),
    limit,
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
