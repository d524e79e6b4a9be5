import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { contextFrom, type TraceCarrier } from '@reintegra/platform-tracing';

const tracer = () => trace.getTracer('@reintegra/platform-messaging');

/** What a span of one message may say: ids and routing facts only, as in the events themselves. */
interface MessageFacts {
  topic: string;
  eventId: string;
  /** The event's subject: the case id (a pseudonymous id, so a viewer can search by case). */
  caseId: string;
}

/**
 * The relay's producer spans of one batch: each continues the trace of the transaction that wrote
 * its event (the context kept in the envelope) and hands its own context on in the Kafka headers
 * (`traceparent`, `tracestate`), so the consumer's span is its child.
 */
export class PublishSpans {
  private readonly spans: Span[] = [];

  /** Starts the span of one message; returns the headers that carry it. */
  start(message: MessageFacts & TraceCarrier): Record<string, string> {
    const span = tracer().startSpan(
      `${message.topic} publish`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation': 'publish',
          'messaging.destination.name': message.topic,
          'messaging.message.id': message.eventId,
          'case.id': message.caseId,
        },
      },
      contextFrom(message),
    );
    this.spans.push(span);
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), headers);
    return headers;
  }

  end(error?: Error): void {
    for (const span of this.spans.splice(0)) {
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      span.end();
    }
  }
}

function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Runs the handling of one consumed message in a consumer span whose parent is the producer span
 * named by the message's headers (or, from a relay that traced nothing, the writer's context kept
 * in the event); database work and anything the handler publishes or starts (outbox rows,
 * Temporal calls) nest under it.
 */
export async function withConsumerSpan<T>(
  position: { topic: string; partition: number; offset: string },
  headers: IHeaders | undefined,
  handle: (span: Span) => Promise<T>,
  inEvent: TraceCarrier = {},
): Promise<T> {
  const traceparent = headerText(headers?.['traceparent']);
  const tracestate = headerText(headers?.['tracestate']);
  const parent = contextFrom(
    traceparent ? { traceparent, ...(tracestate ? { tracestate } : {}) } : inEvent,
  );
  const span = tracer().startSpan(
    `${position.topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation': 'process',
        'messaging.destination.name': position.topic,
        'messaging.kafka.destination.partition': position.partition,
        'messaging.kafka.message.offset': Number(position.offset),
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => handle(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** Names the message's event on its consumer span once it is parsed. */
export function describeEvent(
  span: Span,
  facts: Omit<MessageFacts, 'topic'> & { type: string },
): void {
  span.setAttributes({
    'messaging.message.id': facts.eventId,
    'cloudevents.event_type': facts.type,
    'case.id': facts.caseId,
  });
}
