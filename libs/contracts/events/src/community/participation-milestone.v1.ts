import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { reasonCodeSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { participantOriginSchema, participationMilestoneSchema } from './community-vocabulary';

/**
 * A participant reached a step in one activity: joined, first attendance, sustained participation
 * (under the named rule version), dropped off, withdrawn. Ids and codes only; never a name, never
 * how the person was referred. Subject and key: the case id for returnees, else the participant id.
 */
export const participationMilestoneV1 = defineEvent({
  type: 'sv.reintegra.community.participation-milestone.v1',
  topic: TOPICS.communityEvents,
  description:
    'Hito de participación en una actividad comunitaria / Participation milestone in a community activity',
  data: z.object({
    participantId: z.uuid(),
    activityId: z.uuid(),
    municipalityCode: z.string().min(1).max(60),
    origin: participantOriginSchema,
    caseId: z.uuid().optional().describe('Only for returnees'),
    referralId: z.uuid().optional().describe('The community referral the participation answers'),
    milestone: participationMilestoneSchema,
    ruleVersion: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .describe('Sustained-participation rule applied (sustained, dropped-off)'),
    attendedSessions: z.int().min(0).optional(),
    eligibleSessions: z.int().min(0).optional(),
    reasonCode: reasonCodeSchema.optional().describe('For withdrawn'),
    occurredAt: dateTimeSchema,
  }),
});
export type ParticipationMilestoneV1 = z.infer<typeof participationMilestoneV1.data>;
