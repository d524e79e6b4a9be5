import { checkEligibility, describeReasons, type LearnerProfile } from './eligibility';

const rules = {
  minAge: 15,
  maxAge: 30,
  minLastGrade: 6,
  documentsRequired: ['birth-certificate', 'last-grade-certificate'],
};

const adult: LearnerProfile = {
  dateOfBirth: '2000-03-15',
  lastGradeCompleted: 9,
  documents: ['dui', 'birth-certificate', 'last-grade-certificate'],
  hasGuardian: false,
};

const codes = (learner: LearnerProfile, on = '2026-11-27', r = rules) => {
  const result = checkEligibility(learner, r, on);
  return result.eligible ? [] : result.reasons.map((reason) => reason.code);
};

describe('eligibility', () => {
  it('accepts a person who meets every rule', () => {
    expect(checkEligibility(adult, rules, '2026-11-27')).toEqual({
      eligible: true,
      age: 26,
      minor: false,
    });
  });

  it('accepts a minor with a guardian on file', () => {
    const minor = { ...adult, dateOfBirth: '2009-06-01', hasGuardian: true };
    expect(checkEligibility(minor, rules, '2026-11-27')).toMatchObject({
      eligible: true,
      age: 17,
      minor: true,
    });
  });

  it('accepts exactly at the age limits and without a maximum age', () => {
    expect(codes({ ...adult, dateOfBirth: '1996-11-27' })).toEqual([]); // 30 today
    expect(
      codes({ ...adult, dateOfBirth: '1950-01-01' }, '2026-11-27', {
        ...rules,
        maxAge: null as never,
      }),
    ).toEqual([]);
  });

  it.each([
    ['too young', { dateOfBirth: '2013-01-01', hasGuardian: true }, 'age-below-minimum'],
    ['too old', { dateOfBirth: '1990-01-01' }, 'age-above-maximum'],
    ['a lower last grade', { lastGradeCompleted: 5 }, 'last-grade-too-low'],
    ['a missing document', { documents: ['birth-certificate'] }, 'documents-missing'],
    ['a minor without guardian', { dateOfBirth: '2009-06-01' }, 'guardian-required'],
  ])('rejects %s with an explicit reason', (_label, change, code) => {
    expect(codes({ ...adult, ...change })).toEqual([code]);
  });

  it('lists every failed rule, naming the missing documents, in both languages', () => {
    const result = checkEligibility(
      { dateOfBirth: '2012-01-01', lastGradeCompleted: 2, documents: [], hasGuardian: false },
      rules,
      '2026-11-27',
    );
    expect(result.eligible).toBe(false);
    if (result.eligible) return;
    expect(result.reasons.map((r) => r.code)).toEqual([
      'age-below-minimum',
      'last-grade-too-low',
      'documents-missing',
      'guardian-required',
    ]);
    const message = describeReasons(result.reasons);
    expect(message.es).toContain('birth-certificate, last-grade-certificate');
    expect(message.en).toContain('Documents missing');
  });

  it('counts birthdays exactly (17 the day before turning 18)', () => {
    const learner = { ...adult, dateOfBirth: '2008-11-28', hasGuardian: false };
    expect(codes(learner, '2026-11-27')).toEqual(['guardian-required']);
    expect(codes(learner, '2026-11-28')).toEqual([]);
  });
});
