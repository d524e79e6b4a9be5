import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema, reasonCodeRequiredFor } from '../shared/fields';
import { TOPICS } from '../topics';
import { iscoCodeSchema, placementStatusSchema } from './employment-vocabulary';

/**
 * A placement moved: a candidate was proposed to a vacancy, invited to an interview, hired, not
 * hired, or the proposal was withdrawn (vacancy closed or filled, consent withdrawn, referral
 * revoked, the person declined). Subject and key: the case id. Ids and codes only; the match
 * explanation stays in the service.
 */
export const placementStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.employment.placement-status-changed.v1',
  topic: TOPICS.employmentEvents,
  description: 'Estado de la colocación actualizado / Placement status changed',
  data: z
    .object({
      placementId: z.uuid(),
      caseId: z.uuid(),
      vacancyId: z.uuid(),
      employerId: z.string().min(1).max(100).describe('Employer partner organisation'),
      providerId: z.string().min(1).max(100).describe('Employment office that proposed'),
      referralId: z.uuid().optional().describe('The referral the placement answers, if any'),
      iscoCode: iscoCodeSchema.describe('Occupation of the vacancy'),
      from: placementStatusSchema.optional().describe('Absent for a new proposal'),
      status: placementStatusSchema,
      reasonCode: reasonCodeSchema.optional().describe('Required for not-hired and withdrawn'),
      startsOn: z.iso.date().optional().describe('Start date, when hired'),
      occurredAt: dateTimeSchema,
    })
    .refine(...reasonCodeRequiredFor('not-hired', 'withdrawn')),
});
export type PlacementStatusChangedV1 = z.infer<typeof placementStatusChangedV1.data>;
