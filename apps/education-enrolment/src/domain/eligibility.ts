import type { LocalizedMessage } from '@reintegra/platform-errors';
import { ageOn, isMinorOn } from './age';

/** What the eligibility rules read about a person (kept in this service, never in events). */
export interface LearnerProfile {
  dateOfBirth: string;
  lastGradeCompleted: number;
  documents: readonly string[];
  hasGuardian: boolean;
}

export interface EligibilityRules {
  minAge: number;
  maxAge: number | null;
  minLastGrade: number;
  documentsRequired: readonly string[];
}

export type IneligibilityCode =
  | 'age-below-minimum'
  | 'age-above-maximum'
  | 'last-grade-too-low'
  | 'documents-missing'
  | 'guardian-required';

export interface IneligibilityReason {
  code: IneligibilityCode;
  message: LocalizedMessage;
}

export type Eligibility =
  | { eligible: true; age: number; minor: boolean }
  | { eligible: false; age: number; minor: boolean; reasons: IneligibilityReason[] };

/**
 * Whether a person may join a programme on a date (the cohort's start, or today when it has
 * started). Every failed rule is listed with its reason, so a caseworker knows what to fix.
 */
export function checkEligibility(
  learner: LearnerProfile,
  rules: EligibilityRules,
  on: string,
): Eligibility {
  const age = ageOn(learner.dateOfBirth, on);
  const minor = isMinorOn(learner.dateOfBirth, on);
  const reasons: IneligibilityReason[] = [];
  if (age < rules.minAge) {
    reasons.push({
      code: 'age-below-minimum',
      message: {
        es: `La edad (${age}) es menor que la mínima del programa (${rules.minAge}).`,
        en: `Age (${age}) is below the programme minimum (${rules.minAge}).`,
      },
    });
  }
  if (rules.maxAge !== null && age > rules.maxAge) {
    reasons.push({
      code: 'age-above-maximum',
      message: {
        es: `La edad (${age}) supera la máxima del programa (${rules.maxAge}).`,
        en: `Age (${age}) is above the programme maximum (${rules.maxAge}).`,
      },
    });
  }
  if (learner.lastGradeCompleted < rules.minLastGrade) {
    reasons.push({
      code: 'last-grade-too-low',
      message: {
        es: `Último grado aprobado (${learner.lastGradeCompleted}) menor que el requerido (${rules.minLastGrade}).`,
        en: `Last grade completed (${learner.lastGradeCompleted}) is below the required ${rules.minLastGrade}.`,
      },
    });
  }
  const missing = rules.documentsRequired.filter((doc) => !learner.documents.includes(doc));
  if (missing.length > 0) {
    reasons.push({
      code: 'documents-missing',
      message: {
        es: `Faltan documentos: ${missing.join(', ')}.`,
        en: `Documents missing: ${missing.join(', ')}.`,
      },
    });
  }
  if (minor && !learner.hasGuardian) {
    reasons.push({
      code: 'guardian-required',
      message: {
        es: 'Una persona menor de 18 años necesita una persona responsable registrada.',
        en: 'A person under 18 needs a guardian on file.',
      },
    });
  }
  return reasons.length === 0
    ? { eligible: true, age, minor }
    : { eligible: false, age, minor, reasons };
}

/** One message listing every reason, Spanish and English. */
export function describeReasons(reasons: readonly IneligibilityReason[]): LocalizedMessage {
  return {
    es: `La persona no cumple los requisitos: ${reasons.map((r) => r.message.es).join(' ')}`,
    en: `The person is not eligible: ${reasons.map((r) => r.message.en).join(' ')}`,
  };
}
