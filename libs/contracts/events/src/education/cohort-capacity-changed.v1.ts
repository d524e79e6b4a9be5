import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { educationLevelSchema, educationModalitySchema } from './education-vocabulary';

/**
 * Live capacity of one cohort, published whenever its seats, occupancy, waitlist or open state
 * change, so that referral routing can prefer providers with free seats. Subject and key: the
 * cohort id (capacity is not about a case). Counts only, never who holds a seat.
 */
export const cohortCapacityChangedV1 = defineEvent({
  type: 'sv.reintegra.education.cohort-capacity-changed.v1',
  // Interim: no capacity topic exists yet (a `reintegra.services.capacity` topic is proposed).
  topic: TOPICS.serviceCapacity,
  description: 'Cupos de una cohorte actualizados / Cohort capacity changed',
  data: z.object({
    cohortId: z.uuid(),
    programmeId: z.uuid(),
    providerId: z.string().min(1).max(100),
    level: educationLevelSchema,
    modality: educationModalitySchema,
    schoolReEntry: z.boolean().describe('School re-entry programme (minors first)'),
    municipalityCode: z.string().min(1).max(60),
    open: z.boolean().describe('Accepting enrolment requests'),
    seats: z.number().int().min(1),
    seatsTaken: z.number().int().min(0),
    seatsAvailable: z.number().int().min(0),
    waitlistLength: z.number().int().min(0),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    occurredAt: dateTimeSchema,
  }),
});
export type CohortCapacityChangedV1 = z.infer<typeof cohortCapacityChangedV1.data>;
