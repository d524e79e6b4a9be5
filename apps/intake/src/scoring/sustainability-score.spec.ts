import type { QuestionnaireDefinition } from '../questionnaires/questionnaire-definition';
import { questionnaire as publishedQuestionnaire } from '../questionnaires/questionnaires';
import type { ScoringDefinition } from './scoring-definition';
import { scoringVersion } from './scoring-versions';
import { computeSustainabilityScore, normaliseAnswer } from './sustainability-score';

const text = { es: 'x', en: 'x' };
const yesNo = (id: string) => ({ id, type: 'yes-no' as const, label: text });
const scale = (id: string) => ({
  id,
  type: 'scale' as const,
  min: 1,
  max: 5,
  label: text,
  minLabel: text,
  maxLabel: text,
});
const options = (...values: string[]) => values.map((value) => ({ value, label: text }));

/** A small questionnaire and scoring version whose results are computed by hand below. */
const questionnaire: QuestionnaireDefinition = {
  version: 'hand-1',
  title: text,
  publishedOn: '2026-01-01',
  sections: [
    {
      id: 'all',
      title: text,
      items: [
        yesNo('e1'),
        scale('e2'),
        { id: 'e3', type: 'single-choice', label: text, options: options('a', 'b', 'c') },
        { id: 'e4', type: 'number', integer: true, min: 0, max: 50, label: text },
        {
          id: 's1',
          type: 'multi-choice',
          label: text,
          options: [{ value: 'none', exclusive: true, label: text }, ...options('x', 'y', 'z')],
        },
        { id: 's2', type: 'single-choice', label: text, options: options('all', 'none', 'na') },
        scale('p1'),
        yesNo('p2'),
      ],
    },
  ],
};

const scoring: ScoringDefinition = {
  version: 'hand-weights-1',
  description: text,
  questionnaireVersions: ['hand-1'],
  minimumAnsweredShare: 0.6,
  riskThresholds: { high: 0.4, medium: 0.6 },
  dimensions: {
    economic: {
      weight: 2,
      indicators: [
        {
          id: 'inc',
          label: text,
          weight: 1,
          items: {
            e1: { kind: 'yes-no', yes: 1, no: 0 },
            e2: { kind: 'range', worst: 1, best: 5 },
          },
        },
        {
          id: 'debt',
          label: text,
          weight: 3,
          items: {
            e3: { kind: 'choice', scores: { a: 1, b: 0.5, c: 0 } },
            e4: { kind: 'range', worst: 10, best: 0 },
          },
        },
      ],
    },
    social: {
      weight: 1,
      indicators: [
        {
          id: 'services',
          label: text,
          weight: 1,
          items: { s1: { kind: 'count', worst: 0, best: 3 } },
        },
        {
          id: 'school',
          label: text,
          weight: 1,
          items: { s2: { kind: 'choice', scores: { all: 1, none: 0, na: null } } },
        },
      ],
    },
    psychosocial: {
      weight: 1,
      indicators: [
        { id: 'mood', label: text, weight: 1, items: { p1: { kind: 'range', worst: 5, best: 1 } } },
        { id: 'remig', label: text, weight: 1, items: { p2: { kind: 'yes-no', yes: 0, no: 1 } } },
      ],
    },
  },
};

describe('sustainability score (hand-computed)', () => {
  it('weights indicators within dimensions and dimensions in the composite', () => {
    const result = computeSustainabilityScore(scoring, questionnaire, {
      e1: true, // 1
      e2: 5, // (5-1)/4 = 1            → inc = 1
      e3: 'b', // 0.5
      e4: 2, // (2-10)/(0-10) = 0.8    → debt = 0.65
      s1: ['x', 'z'], // 2/3             → services = 0.6667
      s2: 'na', // not applicable        → school absent, not counted as unanswered
      p1: 2, // (2-5)/(1-5) = 0.75       → mood = 0.75
      p2: false, // reversed: 1          → remig = 1
    });
    // economic = (1·1 + 0.65·3) / 4 = 0.7375; social = 0.6667; psychosocial = (0.75 + 1) / 2 = 0.875
    // composite = (0.7375·2 + 0.66667 + 0.875) / 4 = 0.75417
    expect(result).toEqual({
      scores: {
        economic: 0.7375,
        social: 0.6667,
        psychosocial: 0.875,
        composite: 0.7542,
        incompleteDimensions: [],
      },
      indicators: { inc: 1, debt: 0.65, services: 0.6667, mood: 0.75, remig: 1 },
      answeredShare: { economic: 1, social: 1, psychosocial: 1 },
      riskLevel: 'low',
    });
  });

  it('leaves out a dimension under 60 % answered, and the composite with it; risk from the lowest dimension', () => {
    const result = computeSustainabilityScore(scoring, questionnaire, {
      e1: false, // economic: 1 of 4 answered (25 %) → incomplete
      s1: ['x'], // 1/3
      s2: 'all', // 1                    → social = (0.3333 + 1) / 2 = 0.6667
      p1: 1, // 1
      p2: true, // 0                     → psychosocial = 0.5
    });
    expect(result.scores).toEqual({
      social: 0.6667,
      psychosocial: 0.5,
      incompleteDimensions: ['economic'],
    });
    expect(result.answeredShare).toEqual({ economic: 0.25, social: 1, psychosocial: 1 });
    expect(result.indicators['inc']).toBe(0);
    expect(result.riskLevel).toBe('medium'); // lowest present dimension 0.5 ∈ [0.4, 0.6)
  });

  it('counts three answered of four as complete, and an exclusive "none" as zero', () => {
    const result = computeSustainabilityScore(scoring, questionnaire, {
      e1: false, // 0                    → inc = 0
      e3: 'c', // 0
      e4: 10, // 0                       → debt = 0 → economic = 0 (3 of 4 answered)
      s1: ['none'], // 0
      s2: 'none', // 0                   → social = 0
      p1: 5, // 0
      p2: true, // 0                     → psychosocial = 0
    });
    expect(result.scores).toEqual({
      economic: 0,
      social: 0,
      psychosocial: 0,
      composite: 0,
      incompleteDimensions: [],
    });
    expect(result.riskLevel).toBe('high');
  });

  it('says high risk when nothing can be scored', () => {
    const result = computeSustainabilityScore(scoring, questionnaire, {});
    expect(result.scores).toEqual({ incompleteDimensions: ['economic', 'social', 'psychosocial'] });
    expect(result.riskLevel).toBe('high');
  });

  it('puts a composite on a threshold into the better level', () => {
    const at = (composite: number) =>
      computeSustainabilityScore(
        { ...scoring, riskThresholds: { high: composite, medium: 0.9 } },
        questionnaire,
        { e1: true, e2: 5, e3: 'a', e4: 0, s1: ['x', 'y', 'z'], s2: 'all', p1: 1, p2: false },
      ).riskLevel;
    expect(at(1)).toBe('low'); // composite 1 is not below 1
  });

  it('clamps numbers outside the mapped range', () => {
    const e4 = questionnaire.sections[0].items[3];
    expect(normaliseAnswer({ kind: 'range', worst: 10, best: 0 }, e4, 40)).toBe(0);
    expect(normaliseAnswer({ kind: 'range', worst: 0, best: 3 }, e4, 7)).toBe(1);
  });

  it('refuses a questionnaire version the scoring version does not cover', () => {
    expect(() =>
      computeSustainabilityScore(scoring, { ...questionnaire, version: 'other' }, {}),
    ).toThrow(/does not cover/);
  });
});

describe('sustainability score with the shipped configuration', () => {
  const equal = scoringVersion('equal-weights-1');
  const economicPriority = scoringVersion('economic-priority-1');
  const november = publishedQuestionnaire('2026-11');
  const may = publishedQuestionnaire('2026-05');
  const answers = {
    occupations: [{ code: '7115', yearsOfExperience: 8, learnedAbroad: true }],
    'currently-working': 'informal-work',
    'income-sources': 1,
    'receives-remittances': false,
    'economic-satisfaction': 2,
    'food-shortage': 'sometimes',
    'has-debt': true,
    'can-borrow-if-needed': false,
    'certifications-held': ['none'],
    'last-grade-completed': 6,
    'can-read-write': true,
    'housing-situation': 'with-family',
    'housing-at-risk': false,
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
  };

  it('scores an older questionnaire by the items it asked', () => {
    const result = computeSustainabilityScore(equal, may, answers);
    // economic indicators: employment (0.5 + 0.5 + 0)/3 = 0.3333; satisfaction 0.25; food 0.5;
    // debt (0 + 0)/2 = 0; skills (0.5 + 0 + 0.5 + 1)/4 = 0.5 → economic = 1.5833/5 = 0.3167
    expect(result.scores.economic).toBe(0.3167);
    // social: housing (0.5 + 1)/2 = 0.75; basic services unanswered;
    // documents (1 + 0.5 + 1)/3 = 0.8333; health (0.75 + 1)/2 = 0.875; school 1 → 3.4583/4 = 0.8646
    expect(result.scores.social).toBe(0.8646);
    // psychosocial: participation 0.25; network (0.6667 + 0.75)/2 = 0.7083; belonging (0.5 + 0)/2
    // = 0.25; well-being (0.5 + 0.75 + 0.5)/3 = 0.5833; re-migration 0.25 → 2.0417/5 = 0.4083
    expect(result.scores.psychosocial).toBe(0.4083);
    // composite = (0.31667 + 0.86458 + 0.40833)/3 = 0.52986
    expect(result.scores.composite).toBe(0.5299);
    expect(result.riskLevel).toBe('medium');
  });

  it('gives another result under another scoring version', () => {
    const result = computeSustainabilityScore(economicPriority, may, answers);
    // (0.31667·2 + 0.86458 + 0.40833)/4 = 0.47656
    expect(result.scores.composite).toBe(0.4766);
    expect(result.riskLevel).toBe('medium');
  });

  it('counts unasked items of a newer questionnaire as unanswered', () => {
    const result = computeSustainabilityScore(equal, november, answers);
    // 2026-11 also asks debt months, medication and migration plans: 11 of 12, 8 of 10, 9 of 10
    expect(result.answeredShare).toEqual({ economic: 0.9167, social: 0.8, psychosocial: 0.9 });
    expect(result.scores.composite).toBe(0.5299);
  });
});
