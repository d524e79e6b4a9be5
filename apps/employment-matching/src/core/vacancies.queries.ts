import { NotFoundError } from '@reintegra/platform-errors';
import type { EntityManager } from 'typeorm';
import type { MatchVacancy } from '../domain/matching';

/** A vacancy row as the service reads it. */
export interface VacancyRow {
  id: string;
  employerId: string;
  title: string;
  iscoCode: string;
  requiredSkills: string[];
  desirableSkills: string[];
  requiredCertifications: string[];
  minExperienceYears: number;
  municipalityCode: string;
  districtCode: string | null;
  schedule: number;
  adultsOnly: boolean;
  posts: number;
  postsFilled: number;
  open: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const VACANCY_COLUMNS = `v.id, v.employer_id AS "employerId", v.title, v.isco_code AS "iscoCode",
  v.required_skills AS "requiredSkills", v.desirable_skills AS "desirableSkills",
  v.required_certifications AS "requiredCertifications",
  v.min_experience_years AS "minExperienceYears", v.municipality_code AS "municipalityCode",
  v.district_code AS "districtCode", v.schedule, v.adults_only AS "adultsOnly", v.posts,
  v.posts_filled AS "postsFilled", v.open, v.version, v.created_at AS "createdAt",
  v.updated_at AS "updatedAt"`;

export const vacancyNotFound = () =>
  new NotFoundError('vacancy.not-found', {
    es: 'Oferta laboral no encontrada.',
    en: 'Vacancy not found.',
  });

/**
 * Reads one vacancy, optionally locking its row for the rest of the transaction. Filling a post
 * and closing take FOR UPDATE, so that concurrent hires for the last post are decided one after
 * the other; a proposal takes FOR SHARE, so it either sees the vacancy closed or is withdrawn by
 * the close.
 */
export async function readVacancy(
  manager: EntityManager,
  id: string,
  lock?: 'update' | 'share',
): Promise<VacancyRow> {
  const rows = (await manager.query(
    `SELECT ${VACANCY_COLUMNS} FROM vacancies v WHERE v.id = $1
     ${lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : ''}`,
    [id],
  )) as VacancyRow[];
  if (!rows[0]) throw vacancyNotFound();
  return rows[0];
}

export const toMatchVacancy = (row: VacancyRow): MatchVacancy => ({
  id: row.id,
  iscoCode: row.iscoCode,
  requiredSkills: row.requiredSkills,
  desirableSkills: row.desirableSkills,
  requiredCertifications: row.requiredCertifications,
  minExperienceYears: row.minExperienceYears,
  municipalityCode: row.municipalityCode,
  districtCode: row.districtCode,
  schedule: row.schedule,
  adultsOnly: row.adultsOnly,
});
