import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { assertCanSee, type CandidateScope, candidateVisibility } from '../core/scope';
import { readCandidate, toMatchCandidate } from '../core/candidates.queries';
import {
  candidateScorer,
  encodeCandidate,
  encodeVacancy,
  topByScore,
  vacancyScorer,
} from '../domain/match-codes';
import {
  explainMatch,
  type MatchCandidate,
  type MatchExplanation,
  type MatchVacancy,
  type Ranked,
  summarise,
} from '../domain/matching';
import { profileMissing } from '../placements/placements.queries';
import { readVacancy, toMatchVacancy } from '../core/vacancies.queries';
import { MatchIndex } from './match-index.service';

/** The kept items of a ranking with their explanations (matching.ts), best first. */
function explained<T>(items: T[], explain: (item: T) => MatchExplanation | undefined) {
  return items.flatMap((item): Ranked<T>[] => {
    const explanation = explain(item);
    return explanation ? [{ item, explanation }] : [];
  });
}

/**
 * Ranked, explained lists both ways: open vacancies for one candidate, and the caller's open
 * candidates for one vacancy. Every eligible row of the match index is scored, on the codes the
 * index holds as integers (domain/match-codes.ts: the same score as domain/matching.ts); only
 * the kept ones are explained, so the order is the documented score and nothing else.
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
    const indexed = index.candidates.get(caseId);
    const candidate = indexed ?? (await this.readClosed(caseId, actor));
    assertCanSee(actor, candidate);
    const score = vacancyScorer(
      index.codes,
      candidate,
      indexed?.codes ?? encodeCandidate(index.codes, candidate),
    );
    const kept = topByScore(
      index.vacancies.values(),
      limit,
      (vacancy) => score(vacancy.codes),
      (vacancy) => vacancy.id,
    );
    const ranked = explained(kept, (vacancy) => explainMatch(candidate, vacancy));
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
    const vacancy: MatchVacancy = toMatchVacancy(
      await readVacancy(this.dataSource.manager, vacancyId),
    );
    const { candidates, codes } = await this.index.current();
    const visible = candidateVisibility(actor);
    const score = candidateScorer(codes, vacancy.iscoCode, encodeVacancy(codes, vacancy));
    const kept = topByScore(
      candidates.values(),
      limit,
      (candidate) => (visible(candidate) ? score(candidate.codes) : Number.NaN),
      (candidate) => candidate.id,
    );
    const ranked = explained(kept, (candidate) => explainMatch(candidate, vacancy));
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
