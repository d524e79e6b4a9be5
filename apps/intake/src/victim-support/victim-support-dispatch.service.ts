import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type EventDefinition,
  referralStatusChangedV1,
  victimSupportReferralRequestedV1,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { OutboxWriter, PollingLoop } from '@reintegra/platform-messaging';
import type { IntakeConfig } from '../config';

/** The events that cross from one side of the reference ↔ case mapping to the other. */
const HELD_EVENTS: ReadonlyMap<string, EventDefinition> = new Map<string, EventDefinition>([
  [victimSupportReferralRequestedV1.type, victimSupportReferralRequestedV1],
  [referralStatusChangedV1.type, referralStatusChangedV1],
]);

const RELEASE_TICK_MS = 1_000;
const RELEASE_BATCH = 200;
const HOUR_MS = 3_600_000;

/** The start of the hour of an instant: as precise as a held event's time may be. */
export function hourOf(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Holds the victim-support side of every referral and the case side of every forwarded status,
 * each for a random time between half of `VICTIM_SUPPORT_HOLD_MAX_MS` and all of it, then writes
 * it to the outbox. Its twin went out at once, so the two never share a Kafka timestamp, a relay
 * batch or neighbouring offsets, and those held in the same while leave in random order. On
 * release the envelope gets a fresh id and correlation id, no causation, and only the hour as its
 * time: nothing in it points back to the twin. The price is latency (at most the hold).
 */
@Injectable()
export class VictimSupportDispatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new PollingLoop(
    'victim-support dispatch',
    // A full batch means more are due: keep draining.
    async () => ((await this.releaseDue()) === RELEASE_BATCH ? 0 : RELEASE_TICK_MS),
    RELEASE_TICK_MS,
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: IntakeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.wake(0);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Holds an event (in the caller's transaction); it is sent after a random delay. */
  async hold<TData>(
    manager: EntityManager,
    definition: EventDefinition,
    event: { subject: string; data: TData },
  ): Promise<void> {
    // Fails now, in the caller's transaction, rather than at release.
    definition.data.parse(event.data);
    const max = this.config.VICTIM_SUPPORT_HOLD_MAX_MS;
    const delayMs = randomInt(Math.floor(max / 2), max + 1);
    // Never before an event already held for the same subject: statuses keep their order.
    await manager.query(
      `INSERT INTO victim_support_dispatch (id, event_type, subject, data, release_after)
       SELECT $1, $2, $3, $4,
              GREATEST(now() + make_interval(secs => $5::float8 / 1000),
                       (SELECT max(release_after) + interval '1 millisecond'
                          FROM victim_support_dispatch WHERE subject = $3))`,
      [randomUUID(), definition.type, event.subject, JSON.stringify(event.data), delayMs],
    );
  }

  /** Moves every due event to the outbox, in order of its (random) release time. */
  async releaseDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        // As a SELECT, so the driver returns the rows (not [rows, count] as for a DELETE).
        `WITH due AS (
           DELETE FROM victim_support_dispatch
            WHERE id IN (SELECT id FROM victim_support_dispatch WHERE release_after <= now()
                          ORDER BY release_after LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING event_type, subject, data, release_after)
         SELECT * FROM due ORDER BY release_after`,
        [RELEASE_BATCH],
      )) as Array<{ event_type: string; subject: string; data: unknown }>;
      const time = hourOf(new Date());
      for (const row of due) {
        const definition = HELD_EVENTS.get(row.event_type);
        if (!definition) throw new Error(`not a held event type: ${row.event_type}`);
        await this.outbox.publish(
          manager,
          definition,
          { subject: row.subject, data: row.data, time },
          { actor: this.outbox.origin.systemActor, correlationId: randomUUID() },
        );
      }
      return due.length;
    });
  }
}
