import { z } from 'zod';

/**
 * Services a case can be referred to. Victim support and child protection are restricted: their
 * referrals carry no identity (victim support: a pseudonymous reference; child protection: not
 * sent through the ordinary referral route at all until its confidential channel exists).
 */
export const referralServiceSchema = z
  .enum([
    'employment',
    'education',
    'victim-support',
    'psychosocial',
    'legal-documents',
    'health',
    'housing',
    'community',
    'child-protection',
  ])
  .describe('Service the referral asks for');
export type ReferralService = z.infer<typeof referralServiceSchema>;

/** Inter-agency priorities and their acknowledgement deadlines (emergency 24 h, urgent 72 h, normal 14 d). */
export const referralPrioritySchema = z
  .enum(['emergency', 'urgent', 'normal'])
  .describe('Priority; sets the acknowledgement deadline');
export type ReferralPriority = z.infer<typeof referralPrioritySchema>;

export const ACKNOWLEDGEMENT_HOURS: Record<ReferralPriority, number> = {
  emergency: 24,
  urgent: 72,
  normal: 14 * 24,
};

/** Closed-loop referral states (product brief, flow 5). */
export const referralStatusSchema = z
  .enum([
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
  ])
  .describe('Referral state after the change');
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/** Stable reason codes (never free text: free text may carry personal data). */
export const reasonCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,63}$/)
  .describe('Machine-readable reason, e.g. not-eligible, no-show, duplicate');
