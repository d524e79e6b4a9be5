import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema, reasonCodeRequiredFor } from '../shared/fields';
import { TOPICS } from '../topics';
import { iscoCodeSchema, projectStatusSchema } from './employment-vocabulary';

/**
 * An entrepreneurship project moved (idea, approved, seed support, operating, closed). Subject and
 * key: the case id. Ids and codes only; never the business plan or amounts.
 */
export const projectStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.employment.project-status-changed.v1',
  topic: TOPICS.employmentEvents,
  description: 'Estado del emprendimiento actualizado / Entrepreneurship project status changed',
  data: z
    .object({
      projectId: z.uuid(),
      caseId: z.uuid(),
      providerId: z.string().min(1).max(100).describe('Employment office supporting it'),
      referralId: z.uuid().optional(),
      sectorIscoCode: iscoCodeSchema.optional().describe('Main occupation of the business'),
      municipalityCode: z.string().min(1).max(60),
      from: projectStatusSchema.optional(),
      status: projectStatusSchema,
      reasonCode: reasonCodeSchema.optional().describe('Required for closed'),
      occurredAt: dateTimeSchema,
    })
    .refine(...reasonCodeRequiredFor('closed')),
});
export type ProjectStatusChangedV1 = z.infer<typeof projectStatusChangedV1.data>;
