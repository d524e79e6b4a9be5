import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@reintegra/platform-database';

/** Name similarity (trigrams, accents folded) at or above which a person is offered as a possible duplicate. */
const NAME_SIMILARITY = 0.5;

export interface DuplicateCandidate {
  returneeId: string;
  link: string;
  nameSimilarity: number;
  sameDateOfBirth: boolean;
}

export interface DuplicateCheck {
  /** The person already registered under this DUI (merged records included), if any. */
  sameDui?: string;
  /** People with a similar name born within a year: offered, never merged here. */
  candidates: DuplicateCandidate[];
}

interface DuplicateRow {
  match: 'dui' | 'name';
  id: string;
  dui: string | null;
  score: number;
  same_dob: boolean;
}

/**
 * Both checks of a registration in one round trip: the DUI, then — unless the officer confirmed a
 * new person — names alike within a year of the birth date (`returnees_duplicate_check`, a GiST
 * index on both). Two different DUIs are two people, so such a candidate is not offered, nor a
 * record already merged into another. A supervisor decides merges (POST /returnees/:id/merges).
 */
export async function checkDuplicates(
  manager: EntityManager,
  person: { dui?: string; firstNames: string; lastNames: string; dateOfBirth: string },
  checkNames: boolean,
): Promise<DuplicateCheck> {
  // Prepared: planning this statement cost more than running it (1.15 → 0.45 ms a call).
  const rows = await preparedQuery<DuplicateRow>(
    manager,
    'returnee-duplicate-check',
    `(SELECT 'dui' AS match, r.id, r.dui, 1::real AS score, false AS same_dob
        FROM returnees r
       WHERE r.dui = $3::text
       LIMIT 1)
     UNION ALL
     (SELECT 'name', r.id, r.dui,
             similarity(translate(lower(r.first_names || ' ' || r.last_names), 'áéíóúüñ', 'aeiouun'), w.name),
             r.date_of_birth = $2::date
        FROM returnees r,
             (SELECT translate(lower($1), 'áéíóúüñ', 'aeiouun') AS name) w
       WHERE $4::boolean
         AND translate(lower(r.first_names || ' ' || r.last_names), 'áéíóúüñ', 'aeiouun') % w.name
         AND r.merged_into IS NULL
         AND r.date_of_birth BETWEEN $2::date - 366 AND $2::date + 366
       ORDER BY 4 DESC
       LIMIT 5)`,
    [
      `${person.firstNames} ${person.lastNames}`,
      person.dateOfBirth,
      person.dui ?? null,
      checkNames,
    ],
  );
  const candidates = rows
    .filter(
      (row) =>
        row.match === 'name' &&
        row.score >= NAME_SIMILARITY &&
        !(person.dui && row.dui && row.dui !== person.dui),
    )
    .map((row) => ({
      returneeId: row.id,
      link: `/returnees/${row.id}`,
      nameSimilarity: Math.round(row.score * 100) / 100,
      sameDateOfBirth: row.same_dob,
    }));
  return { sameDui: rows.find((row) => row.match === 'dui')?.id, candidates };
}
