import { z } from 'zod';
import { findOccupation } from '@reintegra/reference-data';
import { bilingual } from '@reintegra/platform-http';
import type { QuestionnaireDefinition, QuestionnaireItem } from './questionnaire-definition';

/** One trade: an ISCO-08 unit group, years of experience, and whether it was learned abroad. */
export interface OccupationAnswer {
  code: string;
  yearsOfExperience: number;
  learnedAbroad: boolean;
}

export type AnswerValue = string | string[] | boolean | number | OccupationAnswer[];
/** Answers by item id; an item left out was not answered. */
export type Answers = Record<string, AnswerValue>;

/** Answers split by where they may go: screening answers are stored apart and never shown. */
export interface SplitAnswers {
  general: Answers;
  screening: Answers;
}

export type AnswerValidation =
  | { ok: true; answers: SplitAnswers }
  | { ok: false; issues: z.core.$ZodIssue[] };

const MAX_YEARS_OF_EXPERIENCE = 70;

const occupationSchema = z
  .object({
    code: z.string().refine((code) => findOccupation(code) !== undefined, {
      error: bilingual(
        'Código CIUO-08 desconocido: use un grupo primario de 4 dígitos.',
        'Unknown ISCO-08 code: use a 4-digit unit group.',
      ),
    }),
    yearsOfExperience: z
      .number({
        error: bilingual(
          `Años de experiencia: un número de 0 a ${MAX_YEARS_OF_EXPERIENCE}.`,
          `Years of experience: a number from 0 to ${MAX_YEARS_OF_EXPERIENCE}.`,
        ),
      })
      .min(0)
      .max(MAX_YEARS_OF_EXPERIENCE),
    learnedAbroad: z.boolean({
      error: bilingual(
        'Indique si lo aprendió en el exterior (true o false).',
        'Say whether it was learned abroad (true or false).',
      ),
    }),
  })
  .strict();

/** What an item accepts, and the one message that says so (for every simple item type). */
function itemRule(item: QuestionnaireItem): { schema: z.ZodType; expected: string } {
  switch (item.type) {
    case 'single-choice': {
      const values = item.options.map((o) => o.value);
      return {
        schema: z.enum(values as [string, ...string[]]),
        expected: bilingual(
          `Elija una de estas opciones: ${values.join(', ')}.`,
          `Choose one of: ${values.join(', ')}.`,
        ),
      };
    }
    case 'multi-choice': {
      const values = item.options.map((o) => o.value);
      const exclusive = new Set(item.options.filter((o) => o.exclusive).map((o) => o.value));
      return {
        schema: z
          .array(z.enum(values as [string, ...string[]]))
          .min(1)
          .refine((chosen) => new Set(chosen).size === chosen.length)
          .refine((chosen) => chosen.length === 1 || !chosen.some((v) => exclusive.has(v))),
        expected: bilingual(
          `Elija una o más opciones distintas de: ${values.join(', ')}` +
            (exclusive.size ? ` (${[...exclusive].join(', ')} va sola).` : '.'),
          `Choose one or more different options of: ${values.join(', ')}` +
            (exclusive.size ? ` (${[...exclusive].join(', ')} alone).` : '.'),
        ),
      };
    }
    case 'yes-no':
      return {
        schema: z.boolean(),
        expected: bilingual('Responda sí (true) o no (false).', 'Answer yes (true) or no (false).'),
      };
    case 'scale':
      return {
        schema: z.int().min(item.min).max(item.max),
        expected: bilingual(
          `Elija un valor entero de ${item.min} a ${item.max}.`,
          `Choose a whole number from ${item.min} to ${item.max}.`,
        ),
      };
    case 'number': {
      const kind = item.integer ? { es: 'entero ', en: 'whole ' } : { es: '', en: '' };
      return {
        schema: (item.integer ? z.int() : z.number()).min(item.min).max(item.max),
        expected: bilingual(
          `Debe ser un número ${kind.es}entre ${item.min} y ${item.max}.`,
          `Must be a ${kind.en}number between ${item.min} and ${item.max}.`,
        ),
      };
    }
    case 'isco-occupations':
      return {
        schema: z
          .array(occupationSchema)
          .max(item.maxEntries)
          .refine((entries) => new Set(entries.map((e) => e.code)).size === entries.length),
        expected: bilingual(
          `Una lista de hasta ${item.maxEntries} ocupaciones distintas {code, yearsOfExperience, learnedAbroad}.`,
          `A list of up to ${item.maxEntries} different occupations {code, yearsOfExperience, learnedAbroad}.`,
        ),
      };
  }
}

const issue = (path: PropertyKey[], message: string): z.core.$ZodIssue => ({
  code: 'custom',
  path,
  message,
  input: undefined,
});

/**
 * Validates answers against one questionnaire version, naming every invalid answer by field
 * (`answers.<itemId>`), in both languages. Messages never quote the answer given: screening
 * answers must not reach logs or error reports.
 */
export function validateAnswers(
  questionnaire: QuestionnaireDefinition,
  raw: Readonly<Record<string, unknown>>,
): AnswerValidation {
  const issues: z.core.$ZodIssue[] = [];
  const answers: SplitAnswers = { general: {}, screening: {} };
  const known = new Set<string>();
  for (const section of questionnaire.sections) {
    for (const item of section.items) {
      known.add(item.id);
      const value = raw[item.id];
      if (value === undefined) {
        if (item.required)
          issues.push(
            issue(
              ['answers', item.id],
              bilingual('Respuesta obligatoria.', 'An answer is required.'),
            ),
          );
        continue;
      }
      const { schema, expected } = itemRule(item);
      const parsed = schema.safeParse(value);
      if (parsed.success) {
        answers[section.confidential ? 'screening' : 'general'][item.id] =
          parsed.data as AnswerValue;
      } else if (item.type === 'isco-occupations' && Array.isArray(value)) {
        // Entries are named one by one (answers.occupations.1.code).
        for (const entryIssue of parsed.error.issues) {
          issues.push({
            ...entryIssue,
            path: ['answers', item.id, ...entryIssue.path],
            // The list itself (too many, repeated codes) is described by the item's message.
            ...(entryIssue.path.length === 0 ? { message: expected } : {}),
          } as z.core.$ZodIssue);
        }
      } else {
        issues.push(issue(['answers', item.id], expected));
      }
    }
  }
  for (const key of Object.keys(raw)) {
    if (!known.has(key))
      issues.push(
        issue(
          ['answers', key],
          bilingual(
            `Esta pregunta no existe en la versión ${questionnaire.version} del cuestionario.`,
            `This question does not exist in questionnaire version ${questionnaire.version}.`,
          ),
        ),
      );
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers };
}

/** What general reads may say about the screening: whether it was completed and what it suggests. */
export interface ScreeningSummary {
  completed: boolean;
  suggestsVictimSupport: boolean;
}

export function summariseScreening(
  questionnaire: QuestionnaireDefinition,
  screening: Answers,
): ScreeningSummary {
  const items = questionnaire.sections.filter((s) => s.confidential).flatMap((s) => s.items);
  const suggests = (item: QuestionnaireItem): boolean => {
    const value = screening[item.id];
    if (value === undefined) return false;
    switch (item.type) {
      case 'yes-no':
        return (
          item.suggestsVictimSupportWhen !== undefined && value === item.suggestsVictimSupportWhen
        );
      case 'single-choice':
        return item.options.some((o) => o.suggestsVictimSupport && o.value === value);
      case 'multi-choice':
        return item.options.some(
          (o) => o.suggestsVictimSupport && (value as string[]).includes(o.value),
        );
      default:
        return false;
    }
  };
  return {
    completed: items.length > 0 && items.every((item) => screening[item.id] !== undefined),
    suggestsVictimSupport: items.some(suggests),
  };
}
