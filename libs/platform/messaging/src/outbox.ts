import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@reintegra/platform-database';
import type { z } from 'zod';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
  type EventEnvelope,
} from '@reintegra/event-contracts';
import { scrapedGauge } from '@reintegra/platform-http';
import { activeTraceContext } from '@reintegra/platform-tracing';
import { EVENT_ORIGIN, type EventContext, type EventOrigin } from './event-context';
import { KAFKA_PRODUCER } from './kafka.tokens';
import { PollingLoop } from './polling-loop';
import { PublishSpans } from './message-tracing';

/** What a service says in an event; the envelope's other members come from the writer and the context. */
export interface NewEvent<TData> {
  /** The partition key: the case id for everything about a case. */
  readonly subject: string;
  readonly data: TData;
  /** When it happened (default: now). */
  readonly time?: Date;
  /** A fixed id, for an event that may be written again (a retried activity): the repeat is ignored. */
  readonly id?: string;
}

/**
 * The one event writer: builds the validated CloudEvents envelope with the service's source and
 * writes it into the outbox in the caller's transaction. An event id already there is ignored, so a
 * retried step never publishes twice.
 */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(EVENT_ORIGIN) readonly origin: EventOrigin) {}

  /** Writes the event; throws if the data breaks its contract (a programming error). */
  async publish<S extends z.ZodType>(
    manager: EntityManager,
    definition: EventDefinition<S>,
    event: NewEvent<z.input<S>>,
    context: EventContext,
  ): Promise<EventEnvelope<z.output<S>>> {
    const created = createEvent(definition, {
      subject: event.subject,
      source: this.origin.source,
      actor: context.actor,
      correlationId: context.correlationId,
      ...(context.causationId ? { causationId: context.causationId } : {}),
      ...(event.time ? { time: event.time } : {}),
      data: event.data,
    });
    const envelope = event.id ? { ...created, id: event.id } : created;
    await this.add(manager, definition, envelope);
    return envelope;
  }

  /**
   * Writes an envelope built elsewhere (e.g. one that must keep its id); a repeated id is ignored.
   * The active trace context goes into the envelope (CloudEvents distributed tracing extension) so
   * the relay, later and in another transaction, can continue the writer's trace.
   */
  async add(
    manager: EntityManager,
    definition: EventDefinition,
    event: EventEnvelope,
  ): Promise<void> {
    // Prepared: every service writes one per event, so parsing and planning it once pays.
    await preparedQuery(
      manager,
      'outbox-add',
      `INSERT INTO outbox_messages (event_id, topic, message_key, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        event.id,
        definition.topic,
        event.subject,
        JSON.stringify({ ...activeTraceContext(), ...event }),
      ],
    );
  }
}

export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

/**
 * How far the relay is behind, read when scraped: rows waiting and the age of the oldest (a
 * growing age means Kafka is unreachable or the relay is stuck — the first alert to look at).
 */
function outboxGauges(dataSource: DataSource, source: string): (() => void)[] {
  let last: Promise<{ pending: number; age: number }> | undefined;
  // One query per scrape for both series.
  const read = () =>
    (last ??= dataSource
      .query(
        `SELECT count(*)::int AS pending,
                COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
           FROM outbox_messages WHERE published_at IS NULL`,
      )
      .then((rows: { pending: number; age: number }[]) => rows[0] ?? { pending: 0, age: 0 })
      .finally(() => setTimeout(() => (last = undefined), 1_000)));
  return [
    scrapedGauge(
      'outbox_pending_events',
      'Outbox rows not yet sent to Kafka',
      ['source'],
      async () => [{ labels: { source }, value: (await read()).pending }],
    ),
    scrapedGauge(
      'outbox_oldest_pending_age_seconds',
      'Age of the oldest outbox row not yet sent to Kafka (0 when none waits)',
      ['source'],
      async () => [{ labels: { source }, value: (await read()).age }],
    ),
  ];
}

export interface OutboxRelayOptions {
  /** Pause between polls when the outbox is empty. */
  pollIntervalMs: number;
  batchSize: number;
}

interface PendingRow {
  position: string;
  event_id: string;
  topic: string;
  message_key: string;
  payload: string;
  traceparent: string | null;
  tracestate: string | null;
}

/**
 * Relays committed outbox rows to Kafka in insertion order, then marks them published. Rows are
 * claimed with FOR UPDATE SKIP LOCKED so several replicas never send the same row concurrently;
 * a crash between send and mark re-sends, and consumers drop the duplicate by event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  private readonly unregister: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
    @Inject(EVENT_ORIGIN) private readonly origin: EventOrigin,
  ) {
    this.loop = new PollingLoop(
      'outbox relay',
      async () => {
        const sent = await this.publishBatch();
        // A full batch means more are waiting: keep draining.
        return sent === options.batchSize ? 0 : options.pollIntervalMs;
      },
      options.pollIntervalMs,
    );
  }

  onApplicationBootstrap(): void {
    this.unregister.push(...outboxGauges(this.dataSource, this.origin.source));
    this.loop.wake(0);
  }

  onApplicationShutdown(): Promise<void> {
    for (const remove of this.unregister.splice(0)) remove();
    return this.loop.stop();
  }

  /** Publishes one batch of pending rows; returns how many were sent. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT position, event_id, topic, message_key, payload::text AS payload,
                payload->>'traceparent' AS traceparent, payload->>'tracestate' AS tracestate
           FROM outbox_messages
          WHERE published_at IS NULL
          ORDER BY position
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, PendingRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      const spans = new PublishSpans();
      try {
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, topicRows]) => ({
            topic,
            messages: topicRows.map((row) => ({
              key: row.message_key,
              value: row.payload,
              headers: {
                'content-type': CLOUDEVENTS_CONTENT_TYPE,
                ...spans.start({
                  topic,
                  eventId: row.event_id,
                  caseId: row.message_key,
                  ...(row.traceparent ? { traceparent: row.traceparent } : {}),
                  ...(row.tracestate ? { tracestate: row.tracestate } : {}),
                }),
              },
            })),
          })),
        });
        spans.end();
      } catch (error) {
        spans.end(error as Error);
        throw error;
      }
      await manager.query(
        `UPDATE outbox_messages SET published_at = now(), attempts = attempts + 1
          WHERE position = ANY($1::bigint[])`,
        [rows.map((row) => row.position)],
      );
      return rows.length;
    });
  }
}
