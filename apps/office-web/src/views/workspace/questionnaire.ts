import type { Problem } from '@reintegra/ui-web';

/** A questionnaire version as intake serves it (GET /questionnaires/:version). */
export interface Localized {
  es: string;
  en: string;
}
interface Option {
  value: string;
  label: Localized;
  exclusive?: boolean;
}
interface ItemBase {
  id: string;
  label: Localized;
  help?: Localized;
  required?: boolean;
}
export type Item = ItemBase &
  (
    | { type: 'single-choice' | 'multi-choice'; options: Option[] }
    | { type: 'yes-no' }
    | { type: 'scale'; min: number; max: number; minLabel: Localized; maxLabel: Localized }
    | { type: 'number'; min: number; max: number; integer: boolean; unit?: Localized }
    | { type: 'isco-occupations'; maxEntries: number }
  );
export interface Section {
  id: string;
  title: Localized;
  confidential?: boolean;
  items: Item[];
}
export interface Questionnaire {
  version: string;
  title: Localized;
  publishedOn: string;
  sections: Section[];
}

export interface OccupationEntry {
  code: string;
  years: string;
  abroad: boolean;
}
/** What the form holds per item: text as typed (numbers too), choices, trades. */
export type FormValue = string | string[] | OccupationEntry[];
export type FormState = Record<string, FormValue>;

/** The newest published version (they are listed oldest first; dates break ties). */
export function latestVersion(list: readonly { version: string; publishedOn: string }[]) {
  return [...list].sort((a, b) => a.publishedOn.localeCompare(b.publishedOn)).pop()?.version;
}

/** A typed number, or the text itself so that intake names what is wrong with it. */
function numberOf(text: string): number | string {
  const value = Number(text.trim().replace(',', '.'));
  return Number.isFinite(value) ? value : text;
}

/**
 * The answers to send: unanswered items are left out (the person may decline any question), and
 * the confidential sections only when they were asked.
 */
export function answersOf(
  questionnaire: Questionnaire,
  form: Readonly<FormState>,
  confidentialAsked: boolean,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const section of questionnaire.sections) {
    if (section.confidential && !confidentialAsked) continue;
    for (const item of section.items) {
      const value = form[item.id];
      if (value === undefined) continue;
      switch (item.type) {
        case 'multi-choice':
          if (Array.isArray(value) && value.length > 0) answers[item.id] = value;
          break;
        case 'isco-occupations': {
          // Every entry shown is sent, blank or not: intake's errors name entries by position.
          const entries = value as OccupationEntry[];
          if (entries.length > 0)
            answers[item.id] = entries.map((entry) => ({
              code: entry.code.trim(),
              yearsOfExperience: numberOf(entry.years),
              learnedAbroad: entry.abroad,
            }));
          break;
        }
        default: {
          const text = typeof value === 'string' ? value.trim() : '';
          if (text === '') break;
          if (item.type === 'yes-no') answers[item.id] = text === 'yes';
          else if (item.type === 'scale' || item.type === 'number')
            answers[item.id] = numberOf(text);
          else answers[item.id] = text;
        }
      }
    }
  }
  return answers;
}

/** The messages of one field of a problem (`answers.income-sources`, `answers.occupations.0.code`). */
export function errorsAt(problem: Problem | undefined, field: string): string[] {
  return (problem?.errors ?? []).filter((e) => e.field === field).map((e) => e.message);
}

/**
 * What a form's summary says about a problem: with field errors, one plain title (the errors are
 * beside their fields) and only the errors of no field shown; else the problem itself.
 */
export function summaryOf(
  problem: Problem | undefined,
  shown: readonly string[],
  invalidTitle: string,
): Problem | undefined {
  if (!problem?.errors?.length) return problem;
  return {
    ...problem,
    title: invalidTitle,
    errors: problem.errors.filter((e) => !shown.includes(e.field)),
  };
}

/** Every field path the form can show an error beside, for a questionnaire. */
export function fieldPaths(questionnaire: Questionnaire, form: Readonly<FormState>): string[] {
  const paths: string[] = [];
  for (const item of questionnaire.sections.flatMap((section) => section.items)) {
    paths.push(`answers.${item.id}`);
    if (item.type === 'isco-occupations') {
      const entries = (form[item.id] as OccupationEntry[] | undefined) ?? [];
      entries.forEach((_, index) =>
        ['code', 'yearsOfExperience', 'learnedAbroad'].forEach((key) =>
          paths.push(`answers.${item.id}.${index}.${key}`),
        ),
      );
    }
  }
  return paths;
}
