import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema, reasonCodeRequiredFor } from '../shared/fields';
import { TOPICS } from '../topics';
import { iscoCodeSchema, trainingStatusSchema } from './employment-vocabulary';

/**
 * A workshop-school (escuela taller) enrolment moved: enrolled, completed, certified or dropped.
 * Subject and key: the case id.
 */
export const trainingStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.employment.training-status-changed.v1',
  topic: TOPICS.employmentEvents,
  description: 'Estado en la escuela taller actualizado / Workshop-school enrolment status changed',
  data: z
    .object({
      enrolmentId: z.uuid(),
      caseId: z.uuid(),
      workshopId: z.uuid(),
      providerId: z.string().min(1).max(100),
      tradeIscoCode: iscoCodeSchema.describe('Trade taught'),
      referralId: z.uuid().optional(),
      from: trainingStatusSchema.optional(),
      status: trainingStatusSchema,
      certificationCode: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{1,63}$/)
        .optional()
        .describe('Certification awarded, when certified'),
      reasonCode: reasonCodeSchema.optional().describe('Required for dropped'),
      occurredAt: dateTimeSchema,
    })
    .refine(...reasonCodeRequiredFor('dropped')),
});
export type TrainingStatusChangedV1 = z.infer<typeof trainingStatusChangedV1.data>;
