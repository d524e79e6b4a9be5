import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';

/** What a consent is for: referral to one service, sharing with a partner category, statistics, contact. */
export const consentPurposeSchema = z
  .enum(['service-referral', 'partner-sharing', 'statistics', 'contact'])
  .describe('Purpose the consent covers');
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;

const consentFields = {
  consentId: z.uuid(),
  caseId: z.uuid(),
  purpose: consentPurposeSchema,
  scope: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,63}$/)
    .optional()
    .describe('Service (for service-referral) or partner category (for partner-sharing)'),
  formVersion: z.string().min(1).max(40).describe('Version of the consent form signed'),
};

export const consentGrantedV1 = defineEvent({
  type: 'sv.reintegra.consent.granted.v1',
  topic: TOPICS.intakeConsents,
  description: 'Consentimiento otorgado / Consent granted',
  data: z.object({ ...consentFields, grantedAt: dateTimeSchema }),
});
export type ConsentGrantedV1 = z.infer<typeof consentGrantedV1.data>;

/** Every consumer honours a withdrawal at once: no further sharing for that purpose. */
export const consentWithdrawnV1 = defineEvent({
  type: 'sv.reintegra.consent.withdrawn.v1',
  topic: TOPICS.intakeConsents,
  description: 'Consentimiento retirado / Consent withdrawn',
  data: z.object({ ...consentFields, withdrawnAt: dateTimeSchema }),
});
export type ConsentWithdrawnV1 = z.infer<typeof consentWithdrawnV1.data>;
