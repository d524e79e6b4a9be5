import { eligibilityFacts } from './referral-eligibility';

describe('the facts a referral gives the directory for routing', () => {
  const on = new Date('2026-12-04T15:00:00Z');
  const district = { districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA' };

  it('gives the age on the day of the referral, counting whether the birthday passed', () => {
    expect(eligibilityFacts({ dateOfBirth: '1990-12-04', gender: 'male' }, district, on)).toEqual({
      ageYears: 36,
      sex: 'male',
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    });
    expect(
      eligibilityFacts({ dateOfBirth: '1990-12-05', gender: 'male' }, district, on),
    ).toMatchObject({
      ageYears: 35,
    });
    expect(
      eligibilityFacts({ dateOfBirth: '2010-02-28', gender: 'female' }, district, on),
    ).toMatchObject({
      ageYears: 16,
      sex: 'female',
    });
  });

  it('never turns another or an undisclosed gender into a sex, and leaves out an unknown district', () => {
    for (const gender of ['other', 'undisclosed']) {
      expect(
        eligibilityFacts({ dateOfBirth: '1990-01-01', gender }, { districtCode: null }, on),
      ).toEqual({
        ageYears: 36,
      });
    }
  });
});
