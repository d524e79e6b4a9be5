import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@reintegra/platform-database';
import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@reintegra/event-contracts';
import { counterOf } from '@reintegra/platform-http';
import { EVENT_ORIGIN, type EventContext, type EventOrigin } from './event-context';
import {
  EVENT_CONSUMER_OPTIONS,
  type EventConsumerOptions,
  type EventHandler,
  type MessagePosition,
} from './event-consumer';

/** What a handler knows of the message it handles, besides its data. */
export interface InboxContext extends EventContext {
  readonly event: EventEnvelope;
  readonly position: MessagePosition;
}

export type InboxHandler<T = unknown> = (
  manager: EntityManager,
  data: T,
  context: InboxContext,
) => Promise<void>;

/**
 * The one inbox entry point. Remembers processed event ids per consumer group; the handler runs in
 * the same transaction as the inbox insert: if it fails, neither is kept and the message is
 * processed again; if the event id is already there, the handler does not run at all. What the
 * handler does is done by the service itself (`system:<service>`), caused by the event and under
 * its correlation id.
 */
@Injectable()
export class Inbox {
  private readonly duplicates = counterOf(
    'inbox_duplicates_dropped_total',
    'Events already processed by this consumer group, dropped by event id (redeliveries)',
    ['consumer', 'topic'],
  );

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_CONSUMER_OPTIONS) private readonly options: EventConsumerOptions,
    @Inject(EVENT_ORIGIN) private readonly origin: EventOrigin,
  ) {}

  /** Runs the handler once per event id; returns false (and does nothing) for a repeat. */
  async handle(
    event: EventEnvelope,
    position: MessagePosition,
    handler: (manager: EntityManager, context: InboxContext) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Prepared, as the outbox insert: one per consumed event in every service.
      const inserted = await preparedQuery(
        manager,
        'inbox-claim',
        `INSERT INTO inbox_messages (consumer, event_id, event_type, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer, event_id) DO NOTHING
         RETURNING event_id`,
        [
          this.options.groupId,
          event.id,
          event.type,
          position.topic,
          position.partition,
          position.offset,
        ],
      );
      if (inserted.length === 0) {
        this.duplicates.inc({ consumer: this.options.groupId, topic: position.topic });
        return false;
      }
      await handler(manager, {
        actor: this.origin.systemActor,
        correlationId: event.correlationid,
        causationId: event.id,
        event,
        position,
      });
      return true;
    });
  }

  /**
   * A consumer's handler of one event type, handled once:
   * `consumer.consume(ctx, { ...inbox.on(referralRequestedV1, (manager, data, context) => …) })`.
   */
  on<S extends z.ZodType>(
    definition: EventDefinition<S>,
    handler: InboxHandler<z.output<S>>,
  ): Record<string, EventHandler> {
    return {
      [definition.type]: async (event, position) => {
        await this.handle(event, position, (manager, context) =>
          handler(manager, event.data as z.output<S>, context),
        );
      },
    };
  }
}
