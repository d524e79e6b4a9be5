import { z } from 'zod';
import {
  agencyIdSchema,
  partnerCategorySchema,
  partnerEventCatalogue,
} from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';

const knownType = z
  .string()
  .refine(
    (type) => partnerEventCatalogue.some((definition) => definition.type === type),
    bilingual(
      'Tipo de evento desconocido: vea el catálogo en /catalogue.',
      'Unknown event type: see the catalogue at /catalogue.',
    ),
  );

export const createAgencyRequest = z.object({
  id: agencyIdSchema,
  name: z.string().trim().min(1).max(200).describe('Nombre de la agencia / agency name'),
  category: partnerCategorySchema,
});
export type CreateAgencyRequest = z.infer<typeof createAgencyRequest>;

export const issueApiKeyRequest = z.object({
  label: z.string().trim().min(1).max(100).optional(),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine(
      (value) => new Date(value).getTime() > Date.now(),
      bilingual('La fecha de vencimiento ya pasó.', 'The expiry date is in the past.'),
    )
    .optional(),
});
export type IssueApiKeyRequest = z.infer<typeof issueApiKeyRequest>;

export const createSubscriptionRequest = z
  .object({
    eventTypes: z
      .array(knownType)
      .min(1)
      .max(20)
      .refine(
        (types) => new Set(types).size === types.length,
        bilingual('Los tipos de evento no deben repetirse.', 'Event types must not repeat.'),
      )
      .refine(
        (types) =>
          !types.some((type) =>
            partnerEventCatalogue.some(
              (definition) => definition.type === type && definition.mandatory,
            ),
          ),
        bilingual(
          'Las solicitudes de supresión se envían siempre: no las nombre.',
          'Redaction requests are always sent: do not name them.',
        ),
      ),
    municipalityCodes: z
      .array(
        z
          .string()
          .refine(
            (code) => findMunicipality(code) !== undefined,
            bilingual(
              'Municipio desconocido (use los códigos de 2024, p. ej. SV-PA-LA-PAZ-ESTE).',
              'Unknown municipality (use the 2024 codes, e.g. SV-PA-LA-PAZ-ESTE).',
            ),
          ),
      )
      .max(44)
      .default([])
      .describe('Vacío = todos los municipios / empty = every municipality'),
    channel: z.enum(['kafka', 'webhook']),
    webhookUrl: z.string().max(2000).optional(),
  })
  .refine((body) => (body.channel === 'webhook') === (body.webhookUrl !== undefined), {
    path: ['webhookUrl'],
    message: bilingual(
      'Un webhook necesita webhookUrl; un flujo Kafka no lo lleva.',
      'A webhook needs webhookUrl; a Kafka stream takes none.',
    ),
  });
export type CreateSubscriptionRequest = z.infer<typeof createSubscriptionRequest>;

export const deliveryLogQuery = z.object({
  status: z.enum(['pending', 'delivered', 'dead', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional().describe('Deliveries with a smaller id'),
});
export type DeliveryLogQuery = z.infer<typeof deliveryLogQuery>;
