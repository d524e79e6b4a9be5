import { z } from 'zod';

/**
 * A scoring version (`versions/<version>.json`): which questionnaire items feed which of the 15
 * indicators, how each answer is normalised to 0–1 (1 = more sustainable), the weights, the
 * completeness threshold and the risk thresholds. Versions are immutable once used: stored scores
 * name the version that produced them, and old answers can be re-scored under a newer one.
 */
const slug = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'lower-case slug');
const unit = z.number().min(0).max(1);
const weight = z.number().positive().max(100);
const localized = z.object({ es: z.string().min(1), en: z.string().min(1) }).strict();

/**
 * How an answer becomes a 0–1 score.
 * - `choice`: the option's score; `null` marks an option that is not applicable (left out of the
 *   indicator and of the answered share), e.g. "no school-age children".
 * - `yes-no`: the score of yes and of no (a negative item such as debt scores yes 0, no 1).
 * - `range`: a number or scale value mapped linearly from `worst` (0) to `best` (1), clamped; a
 *   negative item simply has `worst` above `best` (wish to re-migrate: worst 5, best 1).
 * - `count`: the number of options or occupations chosen (an exclusive "none" counts 0), mapped
 *   like `range`.
 */
export const normalisationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), scores: z.record(slug, unit.nullable()) }).strict(),
  z.object({ kind: z.literal('yes-no'), yes: unit, no: unit }).strict(),
  z
    .object({ kind: z.literal('range'), worst: z.number(), best: z.number() })
    .strict()
    .refine((r) => r.worst !== r.best, 'worst and best must differ'),
  z
    .object({ kind: z.literal('count'), worst: z.int().min(0), best: z.int().min(0) })
    .strict()
    .refine((r) => r.worst !== r.best, 'worst and best must differ'),
]);
export type Normalisation = z.infer<typeof normalisationSchema>;

const indicatorSchema = z
  .object({
    id: slug,
    label: localized,
    weight,
    items: z.record(slug, normalisationSchema).refine((items) => Object.keys(items).length > 0),
  })
  .strict();
export type IndicatorDefinition = z.infer<typeof indicatorSchema>;

const dimensionSchema = z.object({ weight, indicators: z.array(indicatorSchema).min(1) }).strict();

export const scoringDefinitionSchema = z
  .object({
    version: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/),
    description: localized,
    /** Questionnaire versions whose answers this version can score. */
    questionnaireVersions: z.array(z.string().min(1)).min(1),
    /** A dimension with a smaller share of its items answered is incomplete (and absent). */
    minimumAnsweredShare: z.number().gt(0).max(1),
    /** Composite (or, without one, the lowest dimension) below `high` → high risk, below `medium` → medium. */
    riskThresholds: z
      .object({ high: unit, medium: unit })
      .strict()
      .refine((t) => t.high < t.medium, 'high must be below medium'),
    dimensions: z
      .object({
        economic: dimensionSchema,
        social: dimensionSchema,
        psychosocial: dimensionSchema,
      })
      .strict(),
  })
  .strict()
  .superRefine((definition, context) => {
    const indicators = Object.values(definition.dimensions).flatMap((d) => d.indicators);
    const ids = indicators.map((i) => i.id);
    if (new Set(ids).size !== ids.length)
      context.addIssue({ code: 'custom', path: ['dimensions'], message: 'indicator ids repeat' });
    const items = indicators.flatMap((i) => Object.keys(i.items));
    if (new Set(items).size !== items.length)
      context.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: 'an item feeds more than one indicator',
      });
  });
export type ScoringDefinition = z.infer<typeof scoringDefinitionSchema>;
