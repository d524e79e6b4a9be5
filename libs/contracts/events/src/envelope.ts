import { z } from 'zod';

/**
 * CloudEvents 1.0 envelope (structured JSON mode) with the tracing extensions every event of the
 * platform carries. `data` is validated separately against the schema of `type`.
 */
export const eventEnvelopeSchema = z.object({
  specversion: z.literal('1.0').describe('CloudEvents specification version'),
  id: z.uuid().describe('Unique event id; consumers use it to drop redeliveries'),
  source: z
    .string()
    .regex(/^\/reintegra\/[a-z-]+$/)
    .describe('Producing service, e.g. /reintegra/intake'),
  type: z
    .string()
    .regex(/^sv\.reintegra\.[a-z-]+(\.[a-z-]+)+\.v[1-9][0-9]*$/)
    .describe('Event type with its major version, e.g. sv.reintegra.returnee.registered.v1'),
  subject: z.uuid().describe('Case id the event is about; also the Kafka message key'),
  time: z.iso.datetime({ offset: true }).describe('When the fact happened (RFC 3339)'),
  datacontenttype: z.literal('application/json').describe('Media type of data'),
  correlationid: z.uuid().describe('Id shared by every event caused by one original request'),
  causationid: z.uuid().optional().describe('Id of the event or request that caused this one'),
  actor: z
    .string()
    .min(1)
    .max(200)
    .describe('Who caused the event: a pseudonymous user id or system:<service>; never a name'),
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .optional()
    .describe(
      'W3C trace context of the request that wrote the event (distributed tracing extension)',
    ),
  tracestate: z.string().max(512).optional().describe('W3C tracestate that goes with traceparent'),
  data: z.unknown().describe('Event payload, validated against the schema of `type`'),
});

export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & {
  data: TData;
};

/** Content type of a structured-mode CloudEvent on Kafka (CloudEvents Kafka protocol binding). */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';
