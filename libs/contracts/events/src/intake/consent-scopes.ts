import { type PartnerCategory, partnerCategorySchema } from '../public/partner-envelope';
import { type ReferralService, referralServiceSchema } from '../referrals/referral-vocabulary';
import type { ConsentPurpose } from './consent.v1';

/**
 * The one vocabulary of consent scopes: a `service-referral` consent names a referral service, a
 * `partner-sharing` consent a partner category, the other purposes no scope. Intake accepts only
 * these; every consumer reads scopes through the functions below, so all honour the same consent.
 */
export const CONSENT_SCOPES: Readonly<Record<ConsentPurpose, readonly string[]>> = {
  'service-referral': referralServiceSchema.options,
  'partner-sharing': partnerCategorySchema.options,
  statistics: [],
  contact: [],
};

/**
 * Scopes intake accepted before the vocabulary was closed (free text), read as what they meant.
 * Events keep them (contracts change only additively within a version), so readers map them here.
 */
const LEGACY_PARTNER_SCOPES: Readonly<Record<string, PartnerCategory>> = { employers: 'employer' };

export function isConsentScopeAllowed(purpose: ConsentPurpose, scope: string | undefined): boolean {
  const allowed = CONSENT_SCOPES[purpose];
  return allowed.length === 0
    ? scope === undefined
    : scope !== undefined && allowed.includes(scope);
}

/** The partner category a `partner-sharing` consent covers, or undefined when it covers none. */
export function partnerCategoryOfConsent(consent: {
  purpose: string;
  scope?: string | null;
}): PartnerCategory | undefined {
  if (consent.purpose !== 'partner-sharing' || !consent.scope) return undefined;
  const category = partnerCategorySchema.safeParse(consent.scope);
  return category.success ? category.data : LEGACY_PARTNER_SCOPES[consent.scope];
}

/** The service a `service-referral` consent covers, or undefined. */
export function referralServiceOfConsent(consent: {
  purpose: string;
  scope?: string | null;
}): ReferralService | undefined {
  if (consent.purpose !== 'service-referral') return undefined;
  const service = referralServiceSchema.safeParse(consent.scope);
  return service.success ? service.data : undefined;
}
