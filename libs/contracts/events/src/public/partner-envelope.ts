import { z } from 'zod';

/**
 * What partner agencies receive: public events derived by the partner gateway from the internal
 * ones, de-identified per agency. These are the wire contracts of the partner integration point:
 * topic prefix, envelope and data schemas change only additively within a version.
 */

/** Source of every public event. */
export const PARTNER_EVENT_SOURCE = '/reintegra/partner-gateway';

/** Partner agency categories (consent purpose `partner-sharing` is scoped to one of them). */
export const partnerCategorySchema = z
  .enum(['iom', 'government', 'ngo', 'employer', 'school', 'academia'])
  .describe('Categoría de agencia socia / partner agency category');
export type PartnerCategory = z.infer<typeof partnerCategorySchema>;

/** Agency ids are part of topic names, so they stay short, lower-case and topic-safe. */
export const agencyIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/)
  .describe('Identificador de la agencia / agency id (lower-case letters, digits, hyphens)');

/** Per-agency Kafka topics: `reintegra.partner.<agencyId>` (created by the gateway). */
export const PARTNER_TOPIC_PREFIX = 'reintegra.partner.';

export function partnerTopicOf(agencyId: string): string {
  return `${PARTNER_TOPIC_PREFIX}${agencyIdSchema.parse(agencyId)}`;
}

/**
 * A pseudonymous id, base64url of HMAC-SHA256(agency key, internal id): stable for one agency,
 * unlinkable across agencies, never reversible by the agency.
 */
export const pseudonymSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .describe(
    'Seudónimo estable para su agencia, distinto en cada agencia / pseudonym, stable for your agency, different for every agency',
  );

/** CloudEvents 1.0 envelope (structured JSON) of a public event. */
export const partnerEventEnvelopeSchema = z.object({
  specversion: z.literal('1.0').describe('CloudEvents specification version'),
  id: z
    .uuid()
    .describe(
      'Id único del evento; igual en reintentos y repeticiones (clave de idempotencia) / unique event id; the same on retries and replays (idempotency key)',
    ),
  source: z.literal(PARTNER_EVENT_SOURCE).describe('Productor / producer'),
  type: z
    .string()
    .regex(/^sv\.reintegra\.partner\.[a-z-]+\.v[1-9][0-9]*$/)
    .describe('Tipo de evento con su versión mayor / event type with its major version'),
  subject: pseudonymSchema.describe(
    'Seudónimo del expediente para su agencia; en servicios del directorio y actividades comunitarias, huella (SHA-256) de su id, igual para todas las agencias / pseudonym of the case for your agency; for directory services and community activities, a digest (SHA-256) of their id, the same for every agency',
  ),
  time: z.iso
    .datetime({ offset: true })
    .describe(
      'Día del hecho (hora truncada a 00:00Z para no identificar) / day of the fact (time truncated to 00:00Z to de-identify)',
    ),
  datacontenttype: z.literal('application/json').describe('Media type of data'),
  position: z
    .int()
    .min(1)
    .describe(
      'Posición creciente (no contigua) en el registro de su agencia / increasing (not contiguous) position in your agency log',
    ),
  data: z.unknown().describe('Contenido según `type` / payload, per `type`'),
});
export type PartnerEventEnvelope<TData = unknown> = Omit<
  z.infer<typeof partnerEventEnvelopeSchema>,
  'data'
> & { data: TData };
