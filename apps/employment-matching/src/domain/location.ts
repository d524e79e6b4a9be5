import { findMunicipality } from '@reintegra/reference-data';

/**
 * How near a vacancy is to a candidate. The reference data has no coordinates, so nearness is a
 * documented scale over the 2024 territory: same district (the former municipality) > same
 * municipality (or one the person said they would work in) > same department > elsewhere.
 */
export type ProximityLevel =
  | 'same-district'
  | 'same-municipality'
  | 'same-department'
  | 'elsewhere';

export const PROXIMITY_SCORE: Record<ProximityLevel, number> = {
  'same-district': 1,
  'same-municipality': 0.8,
  'same-department': 0.45,
  elsewhere: 0.1,
};

export interface CandidatePlace {
  municipalityCode: string | null;
  districtCode: string | null;
  preferredMunicipalityCodes: readonly string[];
}

export interface VacancyPlace {
  municipalityCode: string;
  districtCode: string | null;
}

export const departmentOf = (municipalityCode: string | null): string | undefined =>
  municipalityCode ? findMunicipality(municipalityCode)?.departmentCode : undefined;

export function proximity(candidate: CandidatePlace, vacancy: VacancyPlace): ProximityLevel {
  if (candidate.districtCode && candidate.districtCode === vacancy.districtCode) {
    return 'same-district';
  }
  if (
    candidate.municipalityCode === vacancy.municipalityCode ||
    candidate.preferredMunicipalityCodes.includes(vacancy.municipalityCode)
  ) {
    return 'same-municipality';
  }
  const department = departmentOf(vacancy.municipalityCode);
  if (department === undefined) return 'elsewhere';
  if (departmentOf(candidate.municipalityCode) === department) return 'same-department';
  for (const code of candidate.preferredMunicipalityCodes) {
    if (departmentOf(code) === department) return 'same-department';
  }
  return 'elsewhere';
}
