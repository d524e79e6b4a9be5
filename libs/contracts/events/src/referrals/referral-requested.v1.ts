import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { eligibilityFactsSchema } from '../directory/directory-vocabulary';
import {
  reasonCodeSchema,
  referralPrioritySchema,
  referralServiceSchema,
} from './referral-vocabulary';

/**
 * Intake asks one or more providers of a service to take a case (several = a bundle: the first
 * acceptance wins, the others are withdrawn). Carries ids only; a provider reads what the
 * returnee consented to share through the intake API, never from the event.
 */
export const referralRequestedV1 = defineEvent({
  type: 'sv.reintegra.referral.requested.v1',
  topic: TOPICS.intakeReferrals,
  description: 'Remisión solicitada / Referral requested',
  data: z.object({
    referralId: z.uuid().describe('Referral id'),
    caseId: z.uuid().describe('Case the referral belongs to'),
    service: referralServiceSchema,
    priority: referralPrioritySchema,
    providerIds: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(10)
      .describe(
        'Providers asked in parallel, in routing order; the next ones are re-route targets',
      ),
    reasonCode: reasonCodeSchema.optional(),
    acknowledgeBy: dateTimeSchema.describe('Acknowledgement deadline'),
    requestedAt: dateTimeSchema,
    consentId: z.uuid().describe('The consent record that allows this referral'),
    eligibility: eligibilityFactsSchema
      .optional()
      .describe(
        'Facts for re-routing through the service directory (age, sex for women-only services, district); never stored there',
      ),
  }),
});
export type ReferralRequestedV1 = z.infer<typeof referralRequestedV1.data>;

/** The sender takes a referral back (before or after acknowledgement). */
export const referralRevokedV1 = defineEvent({
  type: 'sv.reintegra.referral.revoked.v1',
  topic: TOPICS.intakeReferrals,
  description: 'Remisión revocada por quien la envió / Referral revoked by the sender',
  data: z.object({
    referralId: z.uuid(),
    caseId: z.uuid(),
    reasonCode: reasonCodeSchema,
    revokedAt: dateTimeSchema,
  }),
});
export type ReferralRevokedV1 = z.infer<typeof referralRevokedV1.data>;
