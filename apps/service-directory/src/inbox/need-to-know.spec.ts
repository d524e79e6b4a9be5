import { canAnswer } from './inbox-transitions';
import { INBOX_SERVICES, NEED_TO_KNOW, needToKnow } from './need-to-know';

describe('provider inbox need-to-know', () => {
  const facts = {
    ageYears: 41,
    sex: 'female' as const,
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  };

  it('is written down for every outside service, and never includes where the person lives', () => {
    expect([...INBOX_SERVICES].sort()).toEqual(Object.keys(NEED_TO_KNOW).sort());
    for (const service of INBOX_SERVICES)
      expect(NEED_TO_KNOW[service]).not.toContain('districtCode');
  });

  it.each([
    ['housing', { ageYears: 41, sex: 'female' }],
    ['health', { ageYears: 41, sex: 'female' }],
    ['psychosocial', { ageYears: 41 }],
    ['legal-documents', {}],
  ] as const)('%s sees only %j', (service, expected) => {
    expect(needToKnow(service, facts)).toEqual(expected);
  });

  it('keeps nothing when nothing was shared', () => {
    expect(needToKnow('housing', undefined)).toEqual({});
  });

  it('follows the closed loop: accept or decline or waitlist, then progress and an outcome', () => {
    expect(canAnswer('asked', 'accepted')).toBe(true);
    expect(canAnswer('no-capacity', 'accepted')).toBe(true);
    expect(canAnswer('asked', 'completed')).toBe(false);
    expect(canAnswer('accepted', 'declined')).toBe(false);
    expect(canAnswer('in-progress', 'not-completed')).toBe(true);
    expect(canAnswer('withdrawn', 'accepted')).toBe(false);
    expect(canAnswer('completed', 'not-completed')).toBe(false);
  });
});
