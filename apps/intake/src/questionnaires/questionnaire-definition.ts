import { z } from 'zod';

/**
 * The shape of a questionnaire definition file (`versions/<version>.json`). A version is
 * immutable once published: a changed question gets a new item id, so item ids keep one meaning
 * across versions (the scoring configuration maps items by id).
 */
export const localizedTextSchema = z
  .object({ es: z.string().min(1).max(300), en: z.string().min(1).max(300) })
  .strict()
  .describe('Text in Spanish (es-SV) and English');
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const slug = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'lower-case slug');

const optionSchema = z
  .object({
    value: slug,
    label: localizedTextSchema,
    /** Selected alone ("none of these"); counts as no selection when scoring a count. */
    exclusive: z.boolean().optional(),
    /** Choosing it suggests a victim-support referral (confidential sections only). */
    suggestsVictimSupport: z.boolean().optional(),
  })
  .strict();
export type QuestionOption = z.infer<typeof optionSchema>;

const itemBase = {
  id: slug,
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  /** Most items are optional: a person may decline to answer; scoring copes with gaps. */
  required: z.boolean().optional(),
};

const uniqueValues = (options: readonly QuestionOption[]) =>
  new Set(options.map((o) => o.value)).size === options.length;

export const questionnaireItemSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...itemBase,
      type: z.literal('single-choice'),
      options: z.array(optionSchema).min(2).refine(uniqueValues, 'option values repeat'),
    })
    .strict(),
  z
    .object({
      ...itemBase,
      type: z.literal('multi-choice'),
      options: z.array(optionSchema).min(2).refine(uniqueValues, 'option values repeat'),
    })
    .strict(),
  z
    .object({
      ...itemBase,
      type: z.literal('yes-no'),
      /** The answer (true = yes) that suggests a victim-support referral (confidential sections only). */
      suggestsVictimSupportWhen: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      ...itemBase,
      type: z.literal('scale'),
      min: z.int().min(0),
      max: z.int().max(10),
      minLabel: localizedTextSchema,
      maxLabel: localizedTextSchema,
    })
    .strict()
    .refine((item) => item.min < item.max, 'min must be below max'),
  z
    .object({
      ...itemBase,
      type: z.literal('number'),
      min: z.number(),
      max: z.number(),
      integer: z.boolean(),
      unit: localizedTextSchema.optional(),
    })
    .strict()
    .refine((item) => item.min < item.max, 'min must be below max'),
  z
    .object({
      ...itemBase,
      /** Occupations as ISCO-08 unit groups, each with years of experience and whether learned abroad. */
      type: z.literal('isco-occupations'),
      maxEntries: z.int().min(1).max(20),
    })
    .strict(),
]);
export type QuestionnaireItem = z.infer<typeof questionnaireItemSchema>;
export type ItemType = QuestionnaireItem['type'];

const sectionSchema = z
  .object({
    id: slug,
    title: localizedTextSchema,
    /**
     * Answers are stored apart, never shown in general reads, events or logs, and disclosed only
     * to victim support with consent (the violence/victimisation screening).
     */
    confidential: z.boolean().optional(),
    items: z.array(questionnaireItemSchema).min(1),
  })
  .strict();
export type QuestionnaireSection = z.infer<typeof sectionSchema>;

export const questionnaireVersionSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,39}$/, 'version: lower-case letters, digits, dots and dashes');

export const questionnaireDefinitionSchema = z
  .object({
    version: questionnaireVersionSchema,
    title: localizedTextSchema,
    publishedOn: z.iso.date(),
    sections: z.array(sectionSchema).min(1),
  })
  .strict()
  .superRefine((definition, context) => {
    const seen = new Set<string>();
    definition.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        const path = ['sections', s, 'items', i];
        if (seen.has(item.id))
          context.addIssue({ code: 'custom', path, message: `item id ${item.id} repeats` });
        seen.add(item.id);
        const flagsVictimSupport =
          (item.type === 'yes-no' && item.suggestsVictimSupportWhen !== undefined) ||
          ((item.type === 'single-choice' || item.type === 'multi-choice') &&
            item.options.some((o) => o.suggestsVictimSupport));
        if (flagsVictimSupport && !section.confidential)
          context.addIssue({
            code: 'custom',
            path,
            message: 'only items of a confidential section may suggest victim support',
          });
      }),
    );
    if (new Set(definition.sections.map((s) => s.id)).size !== definition.sections.length)
      context.addIssue({ code: 'custom', path: ['sections'], message: 'section ids repeat' });
  });
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;
