import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface InboxEntry {
  consumer: string;
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Remembers processed event ids per consumer. The handler runs in the same transaction as the
 * inbox insert: if it fails, neither is kept and the message is processed again; if the event id
 * is already there, the handler does not run at all.
 */
@Injectable()
export class Inbox {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns false (and does nothing) when the event was already processed by this consumer. */
  async processOnce(
    entry: InboxEntry,
    handler: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox_messages (consumer, event_id, event_type, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer, event_id) DO NOTHING
         RETURNING event_id`,
        [
          entry.consumer,
          entry.eventId,
          entry.eventType,
          entry.topic,
          entry.partition,
          entry.offset,
        ],
      );
      if (inserted.length === 0) return false;
      await handler(manager);
      return true;
    });
  }
}
