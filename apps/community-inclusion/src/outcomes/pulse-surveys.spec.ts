import { suppressed } from '../core/small-cells';
import { answerErrors, findPulseSurvey, PULSE_SURVEYS } from './pulse-surveys';

describe('pulse surveys', () => {
  it('cite a source for every item and cover trust, belonging and discrimination', () => {
    for (const survey of PULSE_SURVEYS) {
      expect(new Set(survey.items.map((i) => i.id)).size).toBe(survey.items.length);
      for (const item of survey.items) expect(item.source.length).toBeGreaterThan(20);
      expect(new Set(survey.items.map((i) => i.dimension))).toEqual(
        new Set(['trust', 'belonging', 'discrimination']),
      );
    }
  });

  it('checks answers against the version', () => {
    const survey = findPulseSurvey('pulse-2026-12');
    if (!survey) throw new Error('missing');
    expect(answerErrors(survey, { 'feels-part-of-community': 4 })).toEqual([]);
    expect(answerErrors(survey, { 'feels-part-of-community': 6, nope: 1 })).toHaveLength(2);
  });

  it('suppresses cells from 1 to 4', () => {
    expect([0, 1, 4, 5].map(suppressed)).toEqual([false, true, true, false]);
  });
});
