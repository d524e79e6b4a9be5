import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema, reasonCodeRequiredFor } from '../shared/fields';
import { TOPICS } from '../topics';
import {
  reasonCodeSchema,
  referralServiceSchema,
  referralStatusSchema,
} from './referral-vocabulary';

/**
 * A service reports where a referral stands (accepted, declined, waitlisted, in progress,
 * completed, …). Status only: never details of the care or the person.
 */
export const referralStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.referral.status-changed.v1',
  topic: TOPICS.referralStatus,
  description:
    'Estado de la remisión actualizado por el servicio / Referral status reported by a service',
  data: z
    .object({
      referralId: z.uuid(),
      caseId: z.uuid(),
      service: referralServiceSchema,
      providerId: z.string().min(1).max(100).describe('Provider that reports'),
      status: referralStatusSchema,
      reasonCode: reasonCodeSchema.optional().describe('Required for declined, not-completed'),
      occurredAt: dateTimeSchema,
    })
    .refine(...reasonCodeRequiredFor('declined', 'not-completed')),
});
export type ReferralStatusChangedV1 = z.infer<typeof referralStatusChangedV1.data>;
