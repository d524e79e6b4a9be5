import { z } from 'zod';
import {
  referralPrioritySchema,
  victimSupportRequestedServiceSchema,
} from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';

export const requestVictimSupportSchema = z
  .object({
    priority: referralPrioritySchema,
    requestedServices: z
      .array(victimSupportRequestedServiceSchema)
      .min(1)
      .max(3)
      .refine((services) => new Set(services).size === services.length, {
        message: bilingual('Servicios repetidos.', 'Repeated services.'),
      }),
  })
  .strict();
export type RequestVictimSupport = z.infer<typeof requestVictimSupportSchema>;
