import type { CaseStatus } from '@reintegra/event-contracts';
import { foldName } from '../core/fold-name';
import type { ListCursor } from './list.requests';

/** What a list asks the database for, after access rules set the municipality. */
export interface ListFilter {
  readonly municipality?: string;
  readonly status?: CaseStatus;
  readonly returnedFrom?: string;
  readonly returnedTo?: string;
  readonly minor?: boolean;
  /** Names or DUI (returnee list only). */
  readonly q?: string;
  /** How names match the words of q: each word in the name, or close to a word of it. */
  readonly match?: NameMatch;
  /** Only each person's latest episode (returnee list). */
  readonly latestOnly?: boolean;
  readonly cursor?: ListCursor;
  readonly limit: number;
}

export type NameMatch = 'words' | 'similar';

/** A DUI or the start of one: digits, then optionally the dash and check digit. */
const DUI_PREFIX = /^\d{1,8}(-\d?)?$/;
export const isDuiSearch = (q: string) => DUI_PREFIX.test(q);

/** The accent-folded full name, exactly the expression of the trigram index returnees_name_trgm. */
const FOLDED_NAME = `translate(lower(r.first_names || ' ' || r.last_names), 'áéíóúüñ', 'aeiouun')`;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The page query of the case and returnee lists, newest return first with the id as tie-breaker
 * (a total order, so keyset pagination neither skips nor repeats). One row more than the page
 * tells whether there is a next page. Exported so that EXPLAIN can be run on exactly this SQL.
 */
export function listSql(filter: ListFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.municipality) where.push(`e.municipality_code = ${param(filter.municipality)}`);
  if (filter.status) where.push(`e.status = ${param(filter.status)}`);
  if (filter.returnedFrom) where.push(`e.return_date >= ${param(filter.returnedFrom)}::date`);
  if (filter.returnedTo) where.push(`e.return_date <= ${param(filter.returnedTo)}::date`);
  if (filter.minor !== undefined) where.push(`e.minor = ${param(filter.minor)}`);
  if (filter.latestOnly) {
    where.push(`NOT EXISTS (SELECT 1 FROM return_episodes later
                 WHERE later.returnee_id = e.returnee_id AND later.episode_number > e.episode_number)`);
  }
  if (filter.q) {
    if (isDuiSearch(filter.q)) {
      where.push(`r.dui LIKE ${param(`${escapeLike(filter.q)}%`)}`);
    } else {
      // Accents and case ignored; folded here rather than in SQL so that the patterns are
      // constants the planner can match against the trigram index. `words`: each word is part of
      // the name (cheap). `similar`: each word is close to a word of the name (typos), as
      // `name %> word`, the form gin_trgm_ops serves (it has no `<%`).
      for (const word of foldName(filter.q).split(/\s+/).slice(0, 6)) {
        where.push(
          filter.match === 'similar'
            ? `${FOLDED_NAME} %> ${param(word)}`
            : `${FOLDED_NAME} LIKE ${param(`%${escapeLike(word)}%`)}`,
        );
      }
    }
  }
  if (filter.cursor) {
    where.push(
      `(e.return_date, e.id) < (${param(filter.cursor.returnDate)}::date, ${param(filter.cursor.id)}::uuid)`,
    );
  }
  const sql = `
    SELECT e.id AS case_id, e.returnee_id, e.episode_number, e.return_date::text AS return_date,
           e.country_returned_from, e.reception_point, e.municipality_code, e.district_code,
           e.minor, e.status, e.registered_at,
           r.dui, r.first_names, r.last_names, r.date_of_birth::text AS date_of_birth, r.gender
      FROM return_episodes e
      JOIN returnees r ON r.id = e.returnee_id
     ${where.length ? `WHERE ${where.join('\n       AND ')}` : ''}
     ORDER BY e.return_date DESC, e.id DESC
     LIMIT ${param(filter.limit + 1)}`;
  return { sql, params };
}

/** A row of listSql. */
export interface ListRow {
  case_id: string;
  returnee_id: string;
  episode_number: number;
  return_date: string;
  country_returned_from: string;
  reception_point: string;
  municipality_code: string;
  district_code: string | null;
  minor: boolean;
  status: CaseStatus;
  registered_at: Date;
  dui: string | null;
  first_names: string;
  last_names: string;
  date_of_birth: string;
  gender: string;
}
