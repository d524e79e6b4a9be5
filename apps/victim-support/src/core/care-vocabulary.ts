/**
 * Codes of the care record. Codes (not free text) are what may appear in plain columns and in
 * the audit log; anything a counsellor writes in their own words is encrypted.
 */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_REASON_CODES = [
  'threats-to-life',
  'escalating-violence',
  'weapon-access',
  'perpetrator-contact',
  'stalking',
  'sexual-violence',
  'children-at-risk',
  'self-harm-risk',
  'isolation',
  'economic-dependence',
  'criminal-group-threat',
  'other',
] as const;

export const CARE_SERVICE_KINDS = [
  'psychological-support',
  'legal-advice',
  'legal-case-filing',
  'recreation',
] as const;
export type CareServiceKind = (typeof CARE_SERVICE_KINDS)[number];

export const CLOSURE_REASONS = [
  'goals-met',
  'survivor-withdrew',
  'transferred',
  'unreachable',
  'relocated',
] as const;

export const BREAK_GLASS_REASONS = [
  'imminent-risk-to-life',
  'assigned-counsellor-unavailable',
  'child-safeguarding',
  'crisis-call',
] as const;

export const ERASURE_REASONS = ['survivor-request', 'court-order'] as const;

/** What a consented disclosure may contain. */
export const DISCLOSURE_CATEGORIES = [
  'risk-level',
  'safety-plan',
  'legal-case-details',
  'services',
] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];

export const CONSENT_PURPOSES = [
  'legal-representation',
  'protection-order',
  'medical-care',
  'shelter',
  'psychosocial-referral',
] as const;
