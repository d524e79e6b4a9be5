import {
  ACKNOWLEDGEMENT_HOURS,
  REFERRAL_PRIORITIES,
  REFERRAL_SERVICES,
  REFERRAL_STATUSES,
} from '@reintegra/vocabulary';
import { z } from 'zod';

// The code lists themselves live in @reintegra/vocabulary (shared with workflow code and the
// browser apps, which cannot import this library); the schemas and their descriptions live here.

/**
 * Services a case can be referred to. Victim support and child protection are restricted: their
 * referrals carry no identity (victim support: a pseudonymous reference; child protection: not
 * sent through the ordinary referral route at all until its confidential channel exists).
 */
export const referralServiceSchema = z
  .enum(REFERRAL_SERVICES)
  .describe('Service the referral asks for');
export type ReferralService = z.infer<typeof referralServiceSchema>;

/** Inter-agency priorities and their acknowledgement deadlines (emergency 24 h, urgent 72 h, normal 14 d). */
export const referralPrioritySchema = z
  .enum(REFERRAL_PRIORITIES)
  .describe('Priority; sets the acknowledgement deadline');
export type ReferralPriority = z.infer<typeof referralPrioritySchema>;

// The deadlines are a code table too: workflow code reads the same object.
export { ACKNOWLEDGEMENT_HOURS };

/** Closed-loop referral states (product brief, flow 5). */
export const referralStatusSchema = z
  .enum(REFERRAL_STATUSES)
  .describe('Referral state after the change');
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/** Stable reason codes (never free text: free text may carry personal data). */
export const reasonCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,63}$/)
  .describe('Machine-readable reason, e.g. not-eligible, no-show, duplicate');
