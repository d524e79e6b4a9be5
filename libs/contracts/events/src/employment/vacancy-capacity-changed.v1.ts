import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { iscoCodeSchema } from './employment-vocabulary';

/**
 * Live state of one vacancy, published whenever it opens, closes or a post is filled, so that
 * routing and partners see where work is. Subject and key: the vacancy id (compacted topic: only
 * the latest value matters). Counts and codes only, never who was hired.
 */
export const vacancyCapacityChangedV1 = defineEvent({
  type: 'sv.reintegra.employment.vacancy-capacity-changed.v1',
  topic: TOPICS.serviceCapacity,
  description: 'Plazas de una oferta laboral actualizadas / Vacancy capacity changed',
  data: z.object({
    vacancyId: z.uuid(),
    employerId: z.string().min(1).max(100),
    iscoCode: iscoCodeSchema,
    municipalityCode: z.string().min(1).max(60),
    open: z.boolean().describe('Accepting proposals'),
    posts: z.number().int().min(1),
    postsFilled: z.number().int().min(0),
    postsAvailable: z.number().int().min(0),
    occurredAt: dateTimeSchema,
  }),
});
export type VacancyCapacityChangedV1 = z.infer<typeof vacancyCapacityChangedV1.data>;
