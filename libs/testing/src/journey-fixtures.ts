/** What an officer enters for one returnee in the end-to-end journeys and their benchmark (fictional). */

/** The needs-assessment answers of the journey's returnee (questionnaire 2026-11). */
export const journeyAnswers = {
  occupations: [{ code: '7112', yearsOfExperience: 9, learnedAbroad: true }],
  'currently-working': 'looking-for-work',
  'income-sources': 0,
  'receives-remittances': false,
  'economic-satisfaction': 1,
  'food-shortage': 'often',
  'has-debt': true,
  'debt-months-of-income': 6,
  'can-borrow-if-needed': false,
  'certifications-held': ['none'],
  'last-grade-completed': 6,
  'can-read-write': true,
  'housing-situation': 'with-family',
  'housing-at-risk': false,
  'basic-services': ['drinking-water', 'electricity'],
  'has-dui': true,
  'documents-held': ['birth-certificate'],
  'pending-legal-matters': false,
  'health-status': 3,
  'has-health-access': true,
  'children-in-school': 'all',
  'participates-community': 'rarely',
  'people-to-count-on': 2,
  'family-relations': 4,
  'feels-part-of-community': 3,
  'experienced-discrimination': true,
  'feels-sad-or-hopeless': 3,
  'sleep-problems': 3,
  'feels-safe': 3,
  'wish-to-remigrate': 3,
  'plans-to-migrate-next-year': false,
};

/**
 * Eight digits and the check digit intake verifies (weights 9..2, (10 - sum mod 10) mod 10). Its
 * own copy of demo-data's duiCheckDigit: the testing libraries may not depend on demo data.
 */
export function duiWithCheckDigit(eightDigits: string): string {
  const sum = [...eightDigits].reduce(
    (total, digit, index) => total + Number(digit) * (9 - index),
    0,
  );
  return `${eightDigits}-${(10 - (sum % 10)) % 10}`;
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
