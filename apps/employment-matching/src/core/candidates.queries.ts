import type { EntityManager } from 'typeorm';
import type { MatchCandidate } from '../domain/matching';
import { candidateNotFound } from './scope';

/** An occupation as recorded: coded to ISCO-08 where possible, with the words used. */
export interface StoredOccupation {
  iscoCode: string | null;
  text: string | null;
  yearsLocal: number;
  yearsAbroad: number;
}

export interface CandidateRow {
  caseId: string;
  code: string;
  open: boolean;
  consentWithdrawn: boolean;
  referredTo: string[];
  municipalityCode: string | null;
  districtCode: string | null;
  minor: boolean;
  displayName: string | null;
  contactPhone: string | null;
  profiled: boolean;
  occupations: StoredOccupation[];
  skills: string[];
  certifications: string[];
  preferredMunicipalities: string[];
  availability: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const CANDIDATE_COLUMNS = `c.case_id AS "caseId", c.code, c.open,
  c.consent_withdrawn AS "consentWithdrawn", c.referred_to AS "referredTo",
  c.municipality_code AS "municipalityCode", c.district_code AS "districtCode", c.minor,
  c.display_name AS "displayName", c.contact_phone AS "contactPhone", c.profiled, c.occupations,
  c.skills, c.certifications, c.preferred_municipalities AS "preferredMunicipalities",
  c.availability, c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/**
 * Reads one candidate; `lock` also serialises everything done for this person in the
 * transaction (profile, proposals, hires), so a person is never hired twice at once.
 */
export async function readCandidate(
  manager: EntityManager,
  caseId: string,
  lock = false,
): Promise<CandidateRow> {
  const rows = (await manager.query(
    `SELECT ${CANDIDATE_COLUMNS} FROM candidates c WHERE c.case_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [caseId],
  )) as CandidateRow[];
  if (!rows[0]) throw candidateNotFound();
  return rows[0];
}

/** Years per coded occupation, wherever gained: where is not a criterion (return history). */
export function codedOccupations(occupations: readonly StoredOccupation[]) {
  return occupations.flatMap((occupation) =>
    occupation.iscoCode
      ? [{ iscoCode: occupation.iscoCode, years: occupation.yearsLocal + occupation.yearsAbroad }]
      : [],
  );
}

/** What matching reads of a candidate: codes, arrays and the schedule, never the name. */
export type CandidateMatchFields = Pick<
  CandidateRow,
  | 'caseId'
  | 'occupations'
  | 'skills'
  | 'certifications'
  | 'municipalityCode'
  | 'districtCode'
  | 'preferredMunicipalities'
  | 'availability'
  | 'minor'
>;

export const toMatchCandidate = (row: CandidateMatchFields): MatchCandidate => ({
  id: row.caseId,
  occupations: codedOccupations(row.occupations),
  skills: row.skills,
  certifications: row.certifications,
  municipalityCode: row.municipalityCode,
  districtCode: row.districtCode,
  preferredMunicipalityCodes: row.preferredMunicipalities,
  availability: row.availability,
  minor: row.minor,
});
