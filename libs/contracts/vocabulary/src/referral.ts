/**
 * Referral code lists. Event contracts build their zod enums from these arrays; workflow code and
 * the browser apps import them directly (neither may import the event library).
 */

/**
 * Services a case can be referred to. Victim support and child protection are restricted: their
 * referrals carry no identity (victim support: a pseudonymous reference; child protection: not
 * sent through the ordinary referral route at all until its confidential channel exists).
 */
export const REFERRAL_SERVICES = [
  'employment',
  'education',
  'victim-support',
  'psychosocial',
  'legal-documents',
  'health',
  'housing',
  'community',
  'child-protection',
] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

/** Inter-agency priorities; each sets an acknowledgement deadline (ACKNOWLEDGEMENT_HOURS). */
export const REFERRAL_PRIORITIES = ['emergency', 'urgent', 'normal'] as const;
export type ReferralPriority = (typeof REFERRAL_PRIORITIES)[number];

/** Acknowledgement deadlines: emergency 24 h, urgent 72 h, normal 14 d. */
export const ACKNOWLEDGEMENT_HOURS: Record<ReferralPriority, number> = {
  emergency: 24,
  urgent: 72,
  normal: 14 * 24,
};

/** Closed-loop referral states (product brief, flow 5). */
export const REFERRAL_STATUSES = [
  'requested',
  'sent',
  'accepted',
  'declined',
  'no-capacity',
  'in-progress',
  'completed',
  'not-completed',
  'revoked',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
