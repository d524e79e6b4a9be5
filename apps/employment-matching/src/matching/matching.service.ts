import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { assertCanSee, type CandidateScope, canSeeCandidate } from '../core/scope';
import { readCandidate, toMatchCandidate } from '../core/candidates.queries';
import { type MatchCandidate, rankCandidates, rankVacancies, summarise } from '../domain/matching';
import { profileMissing } from '../placements/placements.queries';
import { readVacancy, toMatchVacancy } from '../core/vacancies.queries';
import { MatchIndex } from './match-index.service';

/**
 * Ranked, explained lists both ways: open vacancies for one candidate, and the caller's open
 * candidates for one vacancy. Every eligible row is scored (domain/matching.ts) from the match
 * index; only the kept ones are explained, so the order is the documented score and nothing else.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: MatchIndex,
  ) {}

  async vacanciesFor(caseId: string, actor: Actor, limit: number) {
    const index = await this.index.current();
    // Usually the index holds the person (one read fewer); a closed or unprofiled one is read.
    const candidate = index.candidates.get(caseId) ?? (await this.readClosed(caseId, actor));
    assertCanSee(actor, candidate);
    const ranked = rankVacancies(candidate, index.vacancies, limit);
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

  /** A person the index does not hold (not open to matching, or not profiled), from the database. */
  private async readClosed(caseId: string, actor: Actor): Promise<MatchCandidate & CandidateScope> {
    const row = await readCandidate(this.dataSource.manager, caseId);
    assertCanSee(actor, row);
    if (!row.profiled) throw profileMissing();
    return { ...toMatchCandidate(row), referredTo: row.referredTo };
  }

  async candidatesFor(vacancyId: string, actor: Actor, limit: number) {
    const vacancy = await readVacancy(this.dataSource.manager, vacancyId);
    const { candidates } = await this.index.current();
    const visible = [...candidates.values()].filter((candidate) =>
      canSeeCandidate(actor, candidate),
    );
    const ranked = rankCandidates(toMatchVacancy(vacancy), visible, limit);
    // Names (personal data) are not in the index: read for the few kept.
    const names = new Map(
      (
        (await this.dataSource.query(
          `SELECT case_id AS "caseId", display_name AS "displayName" FROM candidates
            WHERE case_id = ANY ($1::uuid[])`,
          [ranked.map((r) => r.item.id)],
        )) as { caseId: string; displayName: string | null }[]
      ).map((row) => [row.caseId, row.displayName]),
    );
    return ranked.map(({ item, explanation }) => ({
      caseId: item.id,
      code: item.code,
      displayName: names.get(item.id) ?? null,
      score: explanation.score,
      explanation,
      summary: summarise(explanation),
    }));
  }
}
