import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { referralServiceSchema } from '../referrals/referral-vocabulary';
import { dateTimeSchema, districtCodeSchema, municipalityCodeSchema } from '../shared/fields';
import { TOPICS } from '../topics';

/**
 * A directory service was created, changed, reported its capacity or was deactivated: a full
 * snapshot of its routing facts (ids and codes only), so that the compacted capacity topic keeps
 * the latest state of every service. Subject and key: the service id.
 */
export const directoryServiceChangedV1 = defineEvent({
  type: 'sv.reintegra.directory.service-changed.v1',
  topic: TOPICS.serviceCapacity,
  description:
    'Servicio del directorio creado, cambiado o con cupo actualizado / Directory service created, changed or capacity reported',
  data: z.object({
    serviceId: z.uuid(),
    organizationId: z.string().min(1).max(100).describe('Provider id named by referrals'),
    locationId: z.uuid(),
    serviceType: referralServiceSchema,
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
    municipalityCode: municipalityCodeSchema,
    districtCode: districtCodeSchema.optional(),
    womenOnly: z.boolean(),
    minimumAge: z.int().min(0).max(130).optional(),
    maximumAge: z.int().min(0).max(130).optional(),
    capacityAvailable: z
      .int()
      .min(0)
      .optional()
      .describe('Places free as last reported; absent when unknown'),
    change: z.enum(['created', 'updated', 'capacity-reported', 'deactivated']),
    occurredAt: dateTimeSchema,
  }),
});
export type DirectoryServiceChangedV1 = z.infer<typeof directoryServiceChangedV1.data>;
