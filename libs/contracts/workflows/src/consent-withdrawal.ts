import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { REFERRAL_SERVICES, type OpenReferral } from './reintegration-path';

/**
 * From intake's `consent.withdrawn` of a `service-referral` consent (bridge → path): the path
 * withdraws its open referrals to that service. `eventId` is the source event's id: a repeated one
 * is accepted and has no second effect.
 */
export const withdrawConsentSchema = z.object({
  eventId: z.uuid(),
  consentId: z.uuid(),
  service: z.enum(REFERRAL_SERVICES),
  withdrawnAt: z.iso.datetime({ offset: true }),
});
export type WithdrawConsent = z.infer<typeof withdrawConsentSchema>;

/**
 * Answers the referrals the withdrawal ended (empty when none was open for that service). Kept for
 * compatibility; the bridge sends `withdrawConsentSignal`, which needs no worker to be accepted.
 */
export const withdrawConsentUpdate = defineUpdate<readonly OpenReferral[], [WithdrawConsent]>(
  'withdrawConsent',
);

/**
 * The same withdrawal as a signal (bridge → path): fire and forget, accepted by Temporal whether or
 * not a worker is polling, so a consumer never waits on one for it. Same payload and effect.
 */
export const withdrawConsentSignal = defineSignal<[WithdrawConsent]>('withdrawConsentSignal');

/** The reason code of everything a consent withdrawal ends (routing events, status answers). */
export const CONSENT_WITHDRAWN = 'consent-withdrawn';

/** Path → referral child: take the referral back from every provider that holds it. */
export interface WithdrawReferral {
  readonly reasonCode: string;
}
export const withdrawReferralSignal = defineSignal<[WithdrawReferral]>('withdrawReferral');
