import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { retentionCheckpointSchema } from './employment-vocabulary';

/**
 * Whether a hired person is still in the job 30 and 90 days after starting. Subject and key: the
 * case id.
 */
export const retentionCheckedV1 = defineEvent({
  type: 'sv.reintegra.employment.retention-checked.v1',
  topic: TOPICS.employmentEvents,
  description: 'Seguimiento de permanencia en el empleo / Job retention checked',
  data: z
    .object({
      placementId: z.uuid(),
      caseId: z.uuid(),
      vacancyId: z.uuid(),
      employerId: z.string().min(1).max(100),
      referralId: z.uuid().optional(),
      checkpointDays: retentionCheckpointSchema,
      employed: z.boolean().describe('Still in the job at the checkpoint'),
      reasonCode: reasonCodeSchema.optional().describe('Why the person left; required if not'),
      checkedOn: z.iso.date(),
      occurredAt: dateTimeSchema,
    })
    .refine((data) => data.employed || data.reasonCode !== undefined, {
      message: 'a person who left needs a reasonCode',
      path: ['reasonCode'],
    }),
});
export type RetentionCheckedV1 = z.infer<typeof retentionCheckedV1.data>;
