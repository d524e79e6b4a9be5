/**
 * Answers to the general (not confidential) items of intake's 2026-11 questionnaire: enough for
 * every dimension to be scored. Shared by intake's tests and the demo loader's story; the
 * confidential screening is never part of demo data.
 */
export const ASSESSMENT_ANSWERS_2026_11 = {
  occupations: [
    { code: '7115', yearsOfExperience: 8, learnedAbroad: true },
    { code: '9313', yearsOfExperience: 2, learnedAbroad: false },
  ],
  'currently-working': 'informal-work',
  'income-sources': 1,
  'receives-remittances': false,
  'economic-satisfaction': 2,
  'food-shortage': 'sometimes',
  'has-debt': true,
  'debt-months-of-income': 4,
  'can-borrow-if-needed': false,
  'certifications-held': ['foreign-certificate'],
  'last-grade-completed': 9,
  'can-read-write': true,
  'housing-situation': 'with-family',
  'housing-at-risk': false,
  'basic-services': ['drinking-water', 'electricity'],
  'has-dui': true,
  'documents-held': ['birth-certificate'],
  'pending-legal-matters': false,
  'health-status': 4,
  'has-health-access': true,
  'children-in-school': 'all',
  'participates-community': 'rarely',
  'people-to-count-on': 2,
  'family-relations': 4,
  'feels-part-of-community': 3,
  'experienced-discrimination': true,
  'feels-sad-or-hopeless': 3,
  'sleep-problems': 2,
  'feels-safe': 3,
  'wish-to-remigrate': 4,
  'plans-to-migrate-next-year': false,
};
