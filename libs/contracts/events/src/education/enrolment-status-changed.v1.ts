import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema, reasonCodeRequiredFor } from '../shared/fields';
import { TOPICS } from '../topics';
import { enrolmentStatusSchema } from './education-vocabulary';

/**
 * An enrolment moved (requested, enrolled, waitlisted, promoted from the waitlist, attending,
 * completed, dropped). Subject and key: the case id. Ids, status and reason code only.
 */
export const enrolmentStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.education.enrolment-status-changed.v1',
  topic: TOPICS.referralStatus,
  description: 'Estado de la matrícula actualizado / Enrolment status changed',
  data: z
    .object({
      enrolmentId: z.uuid(),
      caseId: z.uuid(),
      cohortId: z.uuid(),
      providerId: z.string().min(1).max(100),
      referralId: z.uuid().optional().describe('The referral the enrolment answers, if any'),
      from: enrolmentStatusSchema.optional().describe('Absent for a new enrolment'),
      status: enrolmentStatusSchema,
      waitlistPosition: z.number().int().min(1).optional().describe('Only when waitlisted'),
      reasonCode: reasonCodeSchema.optional().describe('Required for dropped'),
      occurredAt: dateTimeSchema,
    })
    .refine(...reasonCodeRequiredFor('dropped')),
});
export type EnrolmentStatusChangedV1 = z.infer<typeof enrolmentStatusChangedV1.data>;
