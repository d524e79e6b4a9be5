import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { findWorkspaceRoot } from '@reintegra/testing';
import type { Workload } from './harness';

export const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';

export function registration(index: number) {
  return {
    firstNames: `Bench ${index}`,
    lastNames: 'Rendimiento',
    dateOfBirth: '1991-01-01',
    gender: 'undisclosed',
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
    // Bench names are alike by design: the officer-confirmed path (no similarity review).
    confirmedNewPerson: true,
  };
}

const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo'.split(
    ' ',
  );

/** A made-up pronounceable word: names share trigrams as real ones do, yet rarely resemble each other. */
function word(): string {
  const length = 2 + Math.floor(Math.random() * 3);
  const text = Array.from(
    { length },
    () => SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)],
  ).join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A valid DUI (########-#, weights 9..2, check digit (10 - sum mod 10) mod 10), at random: one in
 * a few thousand meets a DUI an earlier run registered (409 for the service, a unique-index error
 * for the bare client), counted as an error.
 */
function randomDui(): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
  const sum = digits.reduce((total, digit, index) => total + digit * (9 - index), 0);
  return `${digits.join('')}-${(10 - (sum % 10)) % 10}`;
}

/**
 * A registration that goes through the whole duplicate check (DUI lookup, then the trigram name
 * search within a year of the birth date): a new person each time, so the answer is 201.
 */
export function checkedRegistration() {
  const year = 1960 + Math.floor(Math.random() * 45);
  const day = 1 + Math.floor(Math.random() * 28);
  const month = 1 + Math.floor(Math.random() * 12);
  const { confirmedNewPerson: _confirmed, ...fields } = registration(0);
  return {
    ...fields,
    dui: randomDui(),
    firstNames: `${word()} ${word()}`,
    lastNames: `${word()} ${word()}`,
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/**
 * The registration's SQL from a bare pg client: what PostgreSQL alone does for one — the duplicate
 * check as the service sends it, the returnee, the episode and the outbox row, in one transaction
 * — every statement prepared, with no service in between: the engine's ceiling for this work.
 * It ends in ROLLBACK, so the outbox row never reaches Kafka; with synchronous_commit off a commit
 * costs the database about what a rollback does.
 */
export function registrationSqlAlone(pool: Pool): Workload {
  const duplicateCheck = duplicateCheckSql();
  return {
    name: 'same SQL, bare pg client (PostgreSQL alone)',
    run: async () => {
      const person = checkedRegistration();
      const returneeId = randomUUID();
      const caseId = randomUUID();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query({
          name: 'duplicate-check',
          text: duplicateCheck,
          values: [
            `${person.firstNames} ${person.lastNames}`,
            person.dateOfBirth,
            person.dui,
            true,
          ],
        });
        await client.query({
          name: 'returnee',
          text: `INSERT INTO returnees (id, dui, first_names, last_names, date_of_birth, gender, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          values: [
            returneeId,
            person.dui,
            person.firstNames,
            person.lastNames,
            person.dateOfBirth,
            person.gender,
          ],
        });
        await client.query({
          name: 'episode',
          text: `INSERT INTO return_episodes (id, returnee_id, episode_number, return_date, country_returned_from, reception_point, municipality_code, minor, registered_at)
           VALUES ($1, $2, 1, $3, $4, $5, $6, false, now())`,
          values: [
            caseId,
            returneeId,
            person.returnDate,
            person.countryReturnedFrom,
            person.receptionPoint,
            person.municipalityCode,
          ],
        });
        await client.query({
          name: 'outbox',
          text: `INSERT INTO outbox_messages (event_id, topic, message_key, payload) VALUES ($1, $2, $3, $4)
           ON CONFLICT (event_id) DO NOTHING`,
          values: [
            randomUUID(),
            'bench.never-published',
            caseId,
            JSON.stringify({ ...person, caseId, returneeId }),
          ],
        });
      } finally {
        // Also after a failed statement: the connection goes back to the pool out of its transaction.
        await client.query('ROLLBACK').finally(() => client.release());
      }
    },
  };
}

/**
 * The duplicate check's SQL exactly as intake sends it, read from its source file: a benchmark may
 * not import a service's code, and a copy here could drift from it unnoticed.
 */
function duplicateCheckSql(): string {
  const file = join(findWorkspaceRoot(), 'apps/intake/src/returnees/duplicate-check.queries.ts');
  const sql = /'returnee-duplicate-check',\s*`([^`]+)`/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!sql) {
    throw new Error(
      `No 'returnee-duplicate-check' statement in ${file}: update duplicateCheckSql()`,
    );
  }
  return sql;
}
