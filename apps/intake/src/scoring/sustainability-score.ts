import type { RiskLevel, ScoreDimension, SustainabilityScores } from '@reintegra/event-contracts';
import type { AnswerValue, Answers } from '../questionnaires/answers';
import type {
  QuestionnaireDefinition,
  QuestionnaireItem,
} from '../questionnaires/questionnaire-definition';
import type { Normalisation, ScoringDefinition } from './scoring-definition';

export const DIMENSIONS: readonly ScoreDimension[] = ['economic', 'social', 'psychosocial'];

export interface ScoreResult {
  scores: SustainabilityScores;
  /** Present indicators only (an indicator with no scored answer is absent). */
  indicators: Record<string, number>;
  /** Share of each dimension's applicable items that were answered (0–1). */
  answeredShare: Record<ScoreDimension, number>;
  riskLevel: RiskLevel;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp = (value: number) => Math.min(1, Math.max(0, value));
const linear = (value: number, worst: number, best: number) =>
  clamp((value - worst) / (best - worst));

function weightedMean(parts: ReadonlyArray<{ value: number; weight: number }>): number {
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  return parts.reduce((sum, p) => sum + p.value * p.weight, 0) / total;
}

const mismatch = (itemId: string, kind: string, type: string) =>
  new Error(`scoring: item ${itemId} is a ${type}; it cannot be normalised as ${kind}`);

/** An answer as a 0–1 score (1 = more sustainable), or null when the answer is not applicable. */
export function normaliseAnswer(
  normalisation: Normalisation,
  item: QuestionnaireItem,
  value: AnswerValue,
): number | null {
  switch (normalisation.kind) {
    case 'choice': {
      if (item.type !== 'single-choice') throw mismatch(item.id, 'choice', item.type);
      const score = normalisation.scores[value as string];
      if (score === undefined)
        throw new Error(`scoring: option ${item.id}=${String(value)} has no score`);
      return score;
    }
    case 'yes-no':
      if (item.type !== 'yes-no') throw mismatch(item.id, 'yes-no', item.type);
      return value === true ? normalisation.yes : normalisation.no;
    case 'range':
      if (item.type !== 'scale' && item.type !== 'number')
        throw mismatch(item.id, 'range', item.type);
      return linear(value as number, normalisation.worst, normalisation.best);
    case 'count': {
      let count: number;
      if (item.type === 'multi-choice') {
        const exclusive = new Set(item.options.filter((o) => o.exclusive).map((o) => o.value));
        count = (value as string[]).filter((v) => !exclusive.has(v)).length;
      } else if (item.type === 'isco-occupations') {
        count = (value as unknown[]).length;
      } else {
        throw mismatch(item.id, 'count', item.type);
      }
      return linear(count, normalisation.worst, normalisation.best);
    }
  }
}

function levelOf(value: number | undefined, scoring: ScoringDefinition): RiskLevel {
  // Too little answered to say anything: treat as high so that someone looks at the case.
  if (value === undefined || value < scoring.riskThresholds.high) return 'high';
  return value < scoring.riskThresholds.medium ? 'medium' : 'low';
}

/**
 * The reintegration sustainability score of one set of answers, pure (product brief): each answer
 * normalised to 0–1; indicator = mean of its answered items; dimension = weighted mean of its
 * present indicators, absent and listed as incomplete when under `minimumAnsweredShare` of its
 * applicable items were answered; composite = weighted mean of the dimensions, only when all three
 * are present. Risk comes from the composite, else from the lowest present dimension.
 */
export function computeSustainabilityScore(
  scoring: ScoringDefinition,
  questionnaire: QuestionnaireDefinition,
  answers: Readonly<Answers>,
): ScoreResult {
  if (!scoring.questionnaireVersions.includes(questionnaire.version)) {
    throw new Error(
      `scoring ${scoring.version} does not cover questionnaire ${questionnaire.version}`,
    );
  }
  const items = new Map(
    questionnaire.sections.flatMap((s) => s.items).map((item) => [item.id, item]),
  );
  const indicators: Record<string, number> = {};
  const answeredShare = {} as Record<ScoreDimension, number>;
  const scores: SustainabilityScores = { incompleteDimensions: [] };
  const dimensionScores: Array<{ value: number; weight: number }> = [];

  for (const dimension of DIMENSIONS) {
    const definition = scoring.dimensions[dimension];
    let applicable = 0;
    let answered = 0;
    const present: Array<{ value: number; weight: number }> = [];
    for (const indicator of definition.indicators) {
      const itemScores: number[] = [];
      for (const [itemId, normalisation] of Object.entries(indicator.items)) {
        const item = items.get(itemId);
        if (!item) continue; // not asked in this questionnaire version
        const value = answers[itemId];
        const score = value === undefined ? undefined : normaliseAnswer(normalisation, item, value);
        if (score === null) continue; // not applicable to this person
        applicable += 1;
        if (score !== undefined) {
          answered += 1;
          itemScores.push(score);
        }
      }
      if (itemScores.length > 0) {
        const value = itemScores.reduce((sum, s) => sum + s, 0) / itemScores.length;
        indicators[indicator.id] = round(value);
        present.push({ value, weight: indicator.weight });
      }
    }
    const share = applicable === 0 ? 0 : answered / applicable;
    answeredShare[dimension] = round(share);
    if (share < scoring.minimumAnsweredShare || present.length === 0) {
      scores.incompleteDimensions.push(dimension);
    } else {
      const value = weightedMean(present);
      scores[dimension] = round(value);
      dimensionScores.push({ value, weight: definition.weight });
    }
  }
  const composite =
    scores.incompleteDimensions.length === 0 ? weightedMean(dimensionScores) : undefined;
  if (composite !== undefined) scores.composite = round(composite);
  const lowest = dimensionScores.length
    ? Math.min(...dimensionScores.map((d) => d.value))
    : undefined;
  return { scores, indicators, answeredShare, riskLevel: levelOf(composite ?? lowest, scoring) };
}
