import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CaseStatus } from '@reintegra/event-contracts';
import { ASSESSMENT_ANSWERS_2026_11 } from '@reintegra/demo-data';
import { freshDui } from './intake-test-bed';

/** Shared by the assessment and re-score integration tests. */
export const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';

export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  authorization: string,
  body?: unknown,
  language = 'es',
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization, 'accept-language': language },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as T };
}

/** Registers a fictional returnee in the municipality and returns the new case id. */
export async function registerCase(url: string, officer: string): Promise<string> {
  const registered = await call(url, 'POST', '/returnees', officer, {
    dui: freshDui(),
    firstNames: 'Evaluada',
    lastNames: `Prueba ${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1991-03-12',
    gender: 'female',
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
  });
  if (registered.status !== 201) throw new Error(`registration failed: ${registered.text}`);
  return registered.body['caseId'] as string;
}

/** Rows an assessment request may write for a case: none of them may appear after a refusal. */
export async function writtenRows(dataSource: DataSource, caseId: string) {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM assessments WHERE case_id = $1)::int AS assessments,
            (SELECT count(*) FROM assessment_screenings WHERE case_id = $1)::int AS screenings,
            (SELECT count(*) FROM sustainability_scores WHERE case_id = $1)::int AS scores,
            (SELECT count(*) FROM outbox_messages WHERE message_key = $1::text)::int AS outbox,
            (SELECT status FROM return_episodes WHERE id = $1) AS status`,
    [caseId],
  );
  return row as {
    assessments: number;
    screenings: number;
    scores: number;
    outbox: number;
    status: CaseStatus;
  };
}

/** Answers to questionnaire 2026-11: a person doing fairly well, who discloses violence at home. */
export const november2026Answers = {
  ...ASSESSMENT_ANSWERS_2026_11,
  'violence-during-migration': 'no',
  'violence-at-home': 'yes',
  'sexual-violence': 'prefer-not-to-say',
  'feels-threatened-now': false,
  'wants-victim-support': true,
};

/** Item ids of the screening section: none may appear outside the victim-support route. */
export const SCREENING_ITEMS = [
  'violence-during-migration',
  'violence-at-home',
  'sexual-violence',
  'feels-threatened-now',
  'wants-victim-support',
];
