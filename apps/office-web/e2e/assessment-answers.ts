import type { Page } from 'playwright-core';

/**
 * Answers to the general (not confidential) questions of the 2026-11 questionnaire, by item type,
 * for the case workspace's browser test: enough answers for every dimension to be scored. One
 * is deliberately wrong: at most 10 sources of income.
 */
const item = (page: Page, id: string) => page.getByTestId(`item-${id}`);

export async function answerGeneralQuestions(page: Page): Promise<void> {
  const choices: Record<string, string> = {
    'currently-working': 'looking-for-work',
    'higher-education': 'none',
    'children-in-school': 'all',
    'food-shortage': 'sometimes',
    'participates-community': 'monthly',
    'housing-situation': 'with-family',
  };
  for (const [id, value] of Object.entries(choices))
    await item(page, id).locator('select').selectOption(value);
  const numbers: Record<string, string> = {
    'income-sources': '15', // deliberate error: at most 10
    'last-grade-completed': '9',
    'debt-months-of-income': '6',
    'people-to-count-on': '3',
    'household-size': '4',
    dependants: '2',
  };
  for (const [id, value] of Object.entries(numbers))
    await item(page, id).locator('input').fill(value);
  const radios: Record<string, string> = {
    'wants-training': 'yes',
    'wants-competence-recognition': 'yes',
    'can-read-write': 'yes',
    'has-debt': 'yes',
    'can-borrow-if-needed': 'no',
    'receives-remittances': 'no',
    'experienced-discrimination': 'yes',
    'plans-to-migrate-next-year': 'no',
    'wants-psychological-support': 'yes',
    'has-dui': 'yes',
    'pending-legal-matters': 'no',
    'has-health-access': 'yes',
    'chronic-condition': 'no',
    'can-afford-medication': 'yes',
    'housing-at-risk': 'no',
    'children-abroad': 'no',
    'economic-satisfaction': '2',
    'feels-sad-or-hopeless': '3',
    'sleep-problems': '2',
    'feels-safe': '4',
    'feels-part-of-community': '3',
    'wish-to-remigrate': '2',
    'health-status': '4',
    'family-relations': '4',
  };
  for (const [id, value] of Object.entries(radios))
    await item(page, id).locator(`input[value="${value}"]`).check();
  for (const [id, value] of [
    ['certifications-held', 'driving-licence'],
    ['documents-held', 'birth-certificate'],
    ['basic-services', 'drinking-water'],
    ['basic-services', 'electricity'],
  ] as const)
    await item(page, id).locator(`input[value="${value}"]`).check();
}
