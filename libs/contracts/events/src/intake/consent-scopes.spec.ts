import {
  isConsentScopeAllowed,
  partnerCategoryOfConsent,
  referralServiceOfConsent,
} from './consent-scopes';

describe('consent scopes: one vocabulary', () => {
  it('takes a referral service for service-referral and a partner category for partner-sharing', () => {
    expect(isConsentScopeAllowed('service-referral', 'employment')).toBe(true);
    expect(isConsentScopeAllowed('partner-sharing', 'employer')).toBe(true);
    expect(isConsentScopeAllowed('partner-sharing', 'employers')).toBe(false);
    expect(isConsentScopeAllowed('partner-sharing', 'emplyer')).toBe(false);
    expect(isConsentScopeAllowed('service-referral', undefined)).toBe(false);
  });

  it('takes no scope for statistics and contact', () => {
    expect(isConsentScopeAllowed('statistics', undefined)).toBe(true);
    expect(isConsentScopeAllowed('contact', 'employment')).toBe(false);
  });

  it('reads what every consumer honours, old free-text spellings included', () => {
    expect(partnerCategoryOfConsent({ purpose: 'partner-sharing', scope: 'employer' })).toBe(
      'employer',
    );
    expect(partnerCategoryOfConsent({ purpose: 'partner-sharing', scope: 'employers' })).toBe(
      'employer',
    );
    expect(partnerCategoryOfConsent({ purpose: 'partner-sharing', scope: 'emplyer' })).toBe(
      undefined,
    );
    expect(partnerCategoryOfConsent({ purpose: 'service-referral', scope: 'employer' })).toBe(
      undefined,
    );
    expect(referralServiceOfConsent({ purpose: 'service-referral', scope: 'education' })).toBe(
      'education',
    );
    expect(referralServiceOfConsent({ purpose: 'contact' })).toBe(undefined);
  });
});
