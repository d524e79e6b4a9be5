import { ASSESSMENT_ANSWERS_2026_11, duiCheckDigit } from '@reintegra/demo-data';

/** What an officer enters for one returnee in the end-to-end journeys and their benchmark (fictional). */

/**
 * The needs-assessment answers of the journey's returnee (questionnaire 2026-11): the demo
 * story's answers, with the differences that make this returnee a looking-for-work carpenter of
 * higher economic risk.
 */
export const journeyAnswers = {
  ...ASSESSMENT_ANSWERS_2026_11,
  occupations: [{ code: '7112', yearsOfExperience: 9, learnedAbroad: true }],
  'currently-working': 'looking-for-work',
  'income-sources': 0,
  'economic-satisfaction': 1,
  'food-shortage': 'often',
  'debt-months-of-income': 6,
  'certifications-held': ['none'],
  'last-grade-completed': 6,
  'health-status': 3,
  'sleep-problems': 3,
  'wish-to-remigrate': 3,
};

/** Eight digits and the check digit intake verifies. */
export function duiWithCheckDigit(eightDigits: string): string {
  return `${eightDigits}-${duiCheckDigit(eightDigits)}`;
}

/** A DUI no earlier run used. */
export function freshDui(): string {
  return duiWithCheckDigit(String(Math.floor(Math.random() * 1e8)).padStart(8, '0'));
}

/** A JSON request as the journeys' officer sends it; the answer's body parsed (`{}` when empty). */
export async function jsonRequest(
  url: string,
  method: string,
  token: string,
  body?: unknown,
  ifMatch?: string,
): Promise<{ status: number; etag: string | null; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: token,
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}
