import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { activityKindSchema, targetGroupSchema } from './community-vocabulary';

/**
 * A community activity was opened, changed (seats, schedule, facilitators) or closed. Codes and
 * counts only: no title, place name or person. Subject and key: the activity id.
 */
export const activityChangedV1 = defineEvent({
  type: 'sv.reintegra.community.activity-changed.v1',
  topic: TOPICS.communityEvents,
  description: 'Actividad comunitaria abierta, modificada o cerrada / Community activity changed',
  data: z.object({
    activityId: z.uuid(),
    providerId: z.string().min(1).max(100).describe('Organisation running the activity'),
    municipalityCode: z.string().min(1).max(60),
    districtCode: z.string().min(1).max(100).optional(),
    kind: activityKindSchema,
    change: z.enum(['opened', 'updated', 'closed']),
    open: z.boolean(),
    capacity: z.int().min(1),
    seatsTaken: z.int().min(0),
    targetGroups: z.array(targetGroupSchema),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).describe('ISO 639 codes'),
    occurredAt: dateTimeSchema,
  }),
});
export type ActivityChangedV1 = z.infer<typeof activityChangedV1.data>;
