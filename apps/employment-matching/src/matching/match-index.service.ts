import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CandidateMatchFields, toMatchCandidate } from '../core/candidates.queries';
import {
  type CandidateCodes,
  encodeCandidate,
  encodeVacancy,
  MatchCodes,
  type VacancyCodes,
} from '../domain/match-codes';
import type { MatchCandidate, MatchVacancy } from '../domain/matching';
import { toMatchVacancy, VACANCY_COLUMNS, type VacancyRow } from '../core/vacancies.queries';

export type IndexedVacancy = MatchVacancy & {
  row: VacancyRow & { employerName: string };
  codes: VacancyCodes;
};
export type IndexedCandidate = MatchCandidate & {
  code: string;
  referredTo: string[];
  codes: CandidateCodes;
};

type CandidateFeatures = CandidateMatchFields & {
  code: string;
  referredTo: string[];
  live: boolean;
};

/** A full reload now and then drops anything a delta cannot see (a row deleted by hand). */
const FULL_RELOAD_MS = 10 * 60_000;

const CANDIDATE_FEATURES = `c.case_id AS "caseId", c.code, c.referred_to AS "referredTo",
  c.occupations, c.skills, c.certifications, c.municipality_code AS "municipalityCode",
  c.district_code AS "districtCode", c.preferred_municipalities AS "preferredMunicipalities",
  c.availability, c.minor, (c.open AND c.profiled AND NOT c.consent_withdrawn) AS live`;

/**
 * What ranking reads, held in memory: the open vacancies with free posts and the open, profiled
 * candidates, so that a ranking does not read every row from PostgreSQL each time. Before every
 * ranking the index reads the rows changed since its last read (change stamps: see migration
 * MatchIndex1764300100000), so it is never staler than the request. Requests
 * that arrive while a read runs share the next one.
 */
@Injectable()
export class MatchIndex {
  private vacancies = new Map<string, IndexedVacancy>();
  private candidates = new Map<string, IndexedCandidate>();
  /** Codes as small integers (domain/match-codes.ts); kept across full reloads. */
  private readonly codes = new MatchCodes();
  /** The snapshot of the last read (pg_snapshot as text): changes it could not see are unread. */
  private snapshot: string | undefined;
  private loadedAt = 0;
  private reading: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The index as of now (every change committed before this call included). Read it right
   * after: rankings are synchronous, so no change lands halfway through one.
   */
  async current(): Promise<{
    vacancies: ReadonlyMap<string, IndexedVacancy>;
    candidates: ReadonlyMap<string, IndexedCandidate>;
    codes: MatchCodes;
  }> {
    await this.refresh();
    return { vacancies: this.vacancies, candidates: this.candidates, codes: this.codes };
  }

  private refresh(): Promise<void> {
    this.next ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        this.reading = this.read();
        return this.reading;
      });
    return this.next;
  }

  /**
   * One statement, so one snapshot: the rows written by transactions the last read's snapshot
   * could not see (every qualifying row on a full read), and this snapshot for the next read.
   * Only the changes not yet read come back, even while a long transaction elsewhere holds the
   * oldest running transaction id back. Rows travel as one JSON document, which the driver
   * parses natively, many times faster than row by row with PostgreSQL's array text format.
   */
  private async read(): Promise<void> {
    const full = this.snapshot === undefined || Date.now() - this.loadedAt > FULL_RELOAD_MS;
    const since = full ? undefined : this.snapshot;
    const unread = (alias: string) =>
      `${alias}.changed_xid >= pg_snapshot_xmin($1::pg_snapshot)
       AND NOT pg_visible_in_snapshot(${alias}.changed_xid, $1::pg_snapshot)`;
    const [changes] = (await this.dataSource.query(
      `SELECT pg_current_snapshot()::text AS snapshot,
              (SELECT coalesce(json_agg(x), '[]') FROM (
                 SELECT ${VACANCY_COLUMNS}, e.name AS "employerName"
                   FROM vacancies v JOIN employers e ON e.id = v.employer_id
                  WHERE ${since ? unread('v') : 'v.open AND v.posts_filled < v.posts'}
               ) x) AS vacancies,
              (SELECT coalesce(json_agg(x), '[]') FROM (
                 SELECT ${CANDIDATE_FEATURES} FROM candidates c
                  WHERE ${since ? unread('c') : 'c.open AND c.profiled AND NOT c.consent_withdrawn'}
               ) x) AS candidates`,
      since ? [since] : [],
    )) as {
      snapshot: string;
      vacancies: (VacancyRow & { employerName: string })[];
      candidates: CandidateFeatures[];
    }[];
    if (!changes) return;
    const vacancies = full ? new Map<string, IndexedVacancy>() : this.vacancies;
    for (const row of changes.vacancies) {
      if (row.open && row.postsFilled < row.posts) {
        const vacancy = toMatchVacancy(row);
        vacancies.set(row.id, { ...vacancy, row, codes: encodeVacancy(this.codes, vacancy) });
      } else vacancies.delete(row.id);
    }
    const candidates = full ? new Map<string, IndexedCandidate>() : this.candidates;
    for (const row of changes.candidates) {
      if (row.live) {
        const candidate = toMatchCandidate(row);
        candidates.set(row.caseId, {
          ...candidate,
          code: row.code,
          referredTo: row.referredTo,
          codes: encodeCandidate(this.codes, candidate),
        });
      } else candidates.delete(row.caseId);
    }
    this.vacancies = vacancies;
    this.candidates = candidates;
    this.snapshot = changes.snapshot;
    if (full) this.loadedAt = Date.now();
  }
}
