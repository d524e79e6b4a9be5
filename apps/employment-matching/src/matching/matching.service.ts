import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { assertCanSee, candidateScopeSql } from '../access/scope';
import {
  readCandidate,
  type StoredOccupation,
  toMatchCandidate,
} from '../candidates/candidate-rows';
import { rankCandidates, rankVacancies, summarise } from '../domain/matching';
import { profileMissing } from '../placements/placements.service';
import {
  readVacancy,
  toMatchVacancy,
  VACANCY_COLUMNS,
  type VacancyRow,
} from '../vacancies/vacancy-rows';

/** What ranking needs of a candidate: codes and arrays only (names are read for the top few). */
interface CandidateFeatures {
  caseId: string;
  code: string;
  occupations: StoredOccupation[];
  skills: string[];
  certifications: string[];
  municipalityCode: string | null;
  districtCode: string | null;
  preferredMunicipalities: string[];
  availability: number;
  minor: boolean;
}

/**
 * Ranked, explained lists both ways: open vacancies for one candidate, and open candidates for
 * one vacancy. The database selects what may be ranked (open, with free posts; open, profiled
 * and visible to the caller); the scoring runs here (domain/matching.ts) over every row, so the
 * order is the documented score and nothing else.
 */
@Injectable()
export class MatchingService {
  constructor(private readonly dataSource: DataSource) {}

  async vacanciesFor(caseId: string, actor: Actor, limit: number) {
    const candidate = await readCandidate(this.dataSource.manager, caseId);
    assertCanSee(actor, candidate);
    if (!candidate.profiled) throw profileMissing();
    const vacancies = (await this.dataSource.query(
      `SELECT ${VACANCY_COLUMNS}, e.name AS "employerName"
         FROM vacancies v JOIN employers e ON e.id = v.employer_id
        WHERE v.open AND v.posts_filled < v.posts`,
    )) as (VacancyRow & { employerName: string })[];
    const ranked = rankVacancies(
      toMatchCandidate(candidate),
      vacancies.map((row) => ({ ...toMatchVacancy(row), row })),
      limit,
    );
    return ranked.map(({ item: { row }, explanation }) => ({
      vacancyId: row.id,
      title: row.title,
      employerId: row.employerId,
      employerName: row.employerName,
      iscoCode: row.iscoCode,
      municipalityCode: row.municipalityCode,
      postsAvailable: row.posts - row.postsFilled,
      score: explanation.score,
      explanation,
      summary: summarise(explanation),
    }));
  }

  async candidatesFor(vacancyId: string, actor: Actor, limit: number) {
    const vacancy = await readVacancy(this.dataSource.manager, vacancyId);
    const params: unknown[] = [];
    const scope = candidateScopeSql(actor, params);
    const candidates = (await this.dataSource.query(
      `SELECT c.case_id AS "caseId", c.code, c.occupations, c.skills, c.certifications,
              c.municipality_code AS "municipalityCode", c.district_code AS "districtCode",
              c.preferred_municipalities AS "preferredMunicipalities", c.availability, c.minor
         FROM candidates c WHERE c.open AND c.profiled AND ${scope}`,
      params,
    )) as CandidateFeatures[];
    const ranked = rankCandidates(
      toMatchVacancy(vacancy),
      candidates.map((row) => ({ ...toMatchCandidate(row), row })),
      limit,
    );
    const names = new Map(
      (
        (await this.dataSource.query(
          `SELECT case_id AS "caseId", display_name AS "displayName" FROM candidates
            WHERE case_id = ANY ($1::uuid[])`,
          [ranked.map((r) => r.item.row.caseId)],
        )) as { caseId: string; displayName: string | null }[]
      ).map((row) => [row.caseId, row.displayName]),
    );
    return ranked.map(({ item: { row }, explanation }) => ({
      caseId: row.caseId,
      code: row.code,
      displayName: names.get(row.caseId) ?? null,
      score: explanation.score,
      explanation,
      summary: summarise(explanation),
    }));
  }
}
