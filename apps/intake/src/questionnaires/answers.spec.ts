import type { z } from 'zod';
import { localizeIssues } from '@reintegra/platform-http';
import { summariseScreening, validateAnswers } from './answers';
import { questionnaire } from './questionnaires';

const november = questionnaire('2026-11');
const may = questionnaire('2026-05');

const errorsOf = (result: ReturnType<typeof validateAnswers>, language: 'es' | 'en' = 'en') =>
  result.ok ? [] : localizeIssues(result.issues as z.core.$ZodIssue[], language);

describe('answers against a questionnaire version', () => {
  it('accepts valid answers and keeps screening answers apart from the rest', () => {
    const result = validateAnswers(november, {
      occupations: [{ code: '7115', yearsOfExperience: 6, learnedAbroad: true }],
      'currently-working': 'looking-for-work',
      'certifications-held': ['driving-licence', 'foreign-certificate'],
      'last-grade-completed': 9,
      'debt-months-of-income': 2.5,
      'feels-sad-or-hopeless': 4,
      'has-dui': true,
      'violence-during-migration': 'yes',
      'feels-threatened-now': false,
    });
    expect(result).toEqual({
      ok: true,
      answers: {
        general: {
          occupations: [{ code: '7115', yearsOfExperience: 6, learnedAbroad: true }],
          'currently-working': 'looking-for-work',
          'certifications-held': ['driving-licence', 'foreign-certificate'],
          'last-grade-completed': 9,
          'debt-months-of-income': 2.5,
          'feels-sad-or-hopeless': 4,
          'has-dui': true,
        },
        screening: { 'violence-during-migration': 'yes', 'feels-threatened-now': false },
      },
    });
  });

  it('names every invalid answer by field, in Spanish and English', () => {
    const result = validateAnswers(november, {
      'currently-working': 'astronaut',
      'certifications-held': ['none', 'driving-licence'],
      'last-grade-completed': 9.5,
      'economic-satisfaction': 7,
      'has-dui': 'yes',
      'favourite-colour': 'blue',
    });
    const english = errorsOf(result);
    expect(english.map((e) => e.field).sort()).toEqual([
      'answers.certifications-held',
      'answers.currently-working',
      'answers.economic-satisfaction',
      'answers.favourite-colour',
      'answers.has-dui',
      'answers.last-grade-completed',
    ]);
    const byField = Object.fromEntries(english.map((e) => [e.field, e.message]));
    expect(byField['answers.currently-working']).toMatch(/^Choose one of: formal-employment/);
    expect(byField['answers.certifications-held']).toContain('none alone');
    expect(byField['answers.last-grade-completed']).toBe(
      'Must be a whole number between 0 and 12.',
    );
    expect(byField['answers.economic-satisfaction']).toBe('Choose a whole number from 1 to 5.');
    expect(byField['answers.favourite-colour']).toContain('version 2026-11');
    const spanish = Object.fromEntries(errorsOf(result, 'es').map((e) => [e.field, e.message]));
    expect(spanish['answers.has-dui']).toBe('Responda sí (true) o no (false).');
  });

  it('validates occupations against ISCO-08, entry by entry', () => {
    const result = validateAnswers(november, {
      occupations: [
        { code: '7115', yearsOfExperience: 3, learnedAbroad: false },
        { code: '0000', yearsOfExperience: -1, learnedAbroad: 'sí' },
      ],
    });
    const errors = errorsOf(result);
    expect(errors.map((e) => e.field).sort()).toEqual([
      'answers.occupations.1.code',
      'answers.occupations.1.learnedAbroad',
      'answers.occupations.1.yearsOfExperience',
    ]);
    expect(errors.find((e) => e.field.endsWith('code'))?.message).toContain('ISCO-08');
    const repeated = validateAnswers(november, {
      occupations: [
        { code: '7115', yearsOfExperience: 3, learnedAbroad: false },
        { code: '7115', yearsOfExperience: 1, learnedAbroad: true },
      ],
    });
    expect(errorsOf(repeated).map((e) => e.field)).toEqual(['answers.occupations']);
  });

  it('checks answers against the version given: an item added later is unknown to an older one', () => {
    const answers = { 'debt-months-of-income': 3 };
    expect(validateAnswers(november, answers).ok).toBe(true);
    expect(errorsOf(validateAnswers(may, answers)).map((e) => e.field)).toEqual([
      'answers.debt-months-of-income',
    ]);
  });

  it('asks for the answers a version marks as required', () => {
    const strict = {
      ...november,
      sections: [
        { ...november.sections[0], items: [{ ...november.sections[0].items[1], required: true }] },
      ],
    };
    expect(errorsOf(validateAnswers(strict, {}), 'es')).toEqual([
      { field: 'answers.currently-working', message: 'Respuesta obligatoria.' },
    ]);
  });

  it('never quotes a screening answer in its messages', () => {
    const result = validateAnswers(november, { 'violence-at-home': 'my-partner-hits-me' });
    const text = JSON.stringify([...errorsOf(result, 'es'), ...errorsOf(result, 'en')]);
    expect(text).toContain('answers.violence-at-home');
    expect(text).not.toContain('partner-hits');
  });
});

describe('screening summary', () => {
  const screeningItems = {
    'violence-during-migration': 'no',
    'violence-at-home': 'no',
    'sexual-violence': 'prefer-not-to-say',
    'feels-threatened-now': false,
    'wants-victim-support': false,
  };

  it('is completed when every screening item is answered, and suggests nothing on no', () => {
    expect(summariseScreening(november, screeningItems)).toEqual({
      completed: true,
      suggestsVictimSupport: false,
    });
    expect(summariseScreening(november, { 'violence-at-home': 'no' })).toEqual({
      completed: false,
      suggestsVictimSupport: false,
    });
  });

  it('suggests victim support on a flagged option or yes-no answer', () => {
    expect(
      summariseScreening(november, { ...screeningItems, 'violence-at-home': 'yes' }),
    ).toMatchObject({ suggestsVictimSupport: true });
    expect(summariseScreening(november, { 'feels-threatened-now': true })).toEqual({
      completed: false,
      suggestsVictimSupport: true,
    });
  });
});
