import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { type UpdateDefinition, WorkflowNotFoundError } from '@temporalio/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { counterOf } from '@reintegra/platform-http';
import { DeadLetterPublisher, type MessagePosition } from '@reintegra/platform-messaging';
import type { OrchestratorConfig } from '../config';

export type WorkflowHandle = ReturnType<Client['workflow']['getHandle']>;

/** Sends one event to its workflow (an update or a signal through the handle). */
export type Send = (handle: WorkflowHandle) => Promise<unknown>;

/** Sends one event as a workflow update taking a single argument. */
export function sendUpdate<Arg>(update: UpdateDefinition<unknown, [Arg]>, arg: NoInfer<Arg>): Send {
  return (handle) => handle.executeUpdate(update, { args: [arg] });
}

/** Bounded: an update waits for a worker, and nothing here may wait for ever. */
export const UPDATE_DEADLINE_MS = 5_000;

/** Workflows whose parked events one sweep delivers side by side (a database connection each). */
const SWEEP_CONCURRENCY = 4;

/** How long an event waits for its workflow to start before it goes to the dead-letter topic. */
export const PARKING_LIFETIME_MS = 6 * 3600_000;

/** How a parked event of one type is delivered once its workflow runs. */
export interface ParkedDelivery {
  readonly send: (event: EventEnvelope) => Send;
  /** Nothing left to do on a workflow that has finished (not a dead letter). */
  readonly finishedIsDone?: boolean;
}

interface ParkedRow {
  event_id: string;
  workflow_id: string;
  topic: string;
  partition: number;
  offset: string;
  envelope: EventEnvelope;
  parked_at: Date;
}

/** What a drain did: delivered, dead-lettered (rejected, or the workflow closed), left parked. */
export interface Drained {
  delivered: number;
  deadLettered: number;
  left: number;
}

/**
 * Events that arrived before the workflow they are for was started (a referral request whose
 * case's registration is still behind a backlog on another topic) wait here, in the orchestrator's
 * database, instead of in line on their partition: parking commits with the event's inbox row,
 * so the consumer moves on at once. The start of the path drains them, in the order they came,
 * in its own inbox transaction; each is deleted in the transaction that delivers it (the workflow
 * drops a repeated event id, should a delivery outlive a rolled-back transaction). One that waits
 * longer than PARKING_LIFETIME_MS goes to the dead-letter topic with the reason
 * `workflow-not-started`. Parking, draining and expiring hold a transaction-scoped advisory lock on
 * the workflow id, so an event is never parked just after its path's start looked for parked ones.
 */
@Injectable()
export class ParkedEvents {
  private readonly logger = new Logger(ParkedEvents.name);
  private readonly deliveries = new Map<string, ParkedDelivery>();
  private readonly parked = counterOf(
    'parked_events_total',
    'Events parked until their workflow starts, by what became of them',
    ['outcome'],
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(APP_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  /** How a parked event of this type is delivered when its workflow has started. */
  register(type: string, delivery: ParkedDelivery): void {
    this.deliveries.set(type, delivery);
  }

  /** Serialises parking and draining for one workflow id until the transaction ends. */
  async lock(manager: EntityManager, workflowId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`parked:${workflowId}`]);
  }

  /** Whether events wait for this workflow (a later one must then wait behind them, in order). */
  async waiting(manager: EntityManager, workflowId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM parked_events WHERE consumer = $1 AND workflow_id = $2 LIMIT 1`,
      [this.config.KAFKA_CONSUMER_GROUP, workflowId],
    );
    return rows.length > 0;
  }

  async park(
    manager: EntityManager,
    event: EventEnvelope,
    position: MessagePosition,
    workflowId: string,
    why = 'its workflow has not started',
  ): Promise<void> {
    await manager.query(
      `INSERT INTO parked_events
         (consumer, event_id, workflow_id, event_type, topic, partition, "offset", envelope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (consumer, event_id) DO NOTHING`,
      [
        this.config.KAFKA_CONSUMER_GROUP,
        event.id,
        workflowId,
        event.type,
        position.topic,
        position.partition,
        position.offset,
        JSON.stringify(event),
      ],
    );
    this.parked.inc({ outcome: 'parked' });
    this.logger.log({
      msg: 'event parked until its workflow takes it',
      why,
      workflowId,
      eventId: event.id,
      eventType: event.type,
    });
  }

  /**
   * Delivers the events parked for a workflow, oldest first, within the caller's transaction
   * (which holds the lock). A rejected event, or one whose workflow has finished, goes to the
   * dead-letter topic; a delivery that fails otherwise (Temporal away, no worker) stops the drain,
   * and it and those behind it stay parked for the sweep to try again.
   */
  async drain(manager: EntityManager, workflowId: string): Promise<Drained> {
    const rows: ParkedRow[] = await manager.query(
      `SELECT event_id, workflow_id, topic, partition, "offset"::text AS "offset", envelope, parked_at
         FROM parked_events
        WHERE consumer = $1 AND workflow_id = $2
        ORDER BY seq`,
      [this.config.KAFKA_CONSUMER_GROUP, workflowId],
    );
    const drained: Drained = { delivered: 0, deadLettered: 0, left: rows.length };
    for (const row of rows) {
      const delivery = this.deliveries.get(row.envelope.type);
      if (!delivery) throw new Error(`no delivery registered for parked ${row.envelope.type}`);
      const failure = await this.temporal
        .withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
          delivery.send(row.envelope)(this.temporal.workflow.getHandle(workflowId)),
        )
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      let reason = await this.finalReason(failure, workflowId);
      if (reason?.code === 'rejected:workflow.closed' && delivery.finishedIsDone)
        reason = undefined;
      else if (failure !== undefined && reason === undefined) {
        this.logger.warn({
          msg: 'parked event not delivered yet; stays parked',
          workflowId,
          eventId: row.event_id,
          error: (failure as Error).message,
          cause: ((failure as Error).cause as { details?: string } | undefined)?.details,
        });
        break;
      }
      if (reason) await this.deadLetter(row, reason.code, reason.detail);
      await manager.query(`DELETE FROM parked_events WHERE consumer = $1 AND event_id = $2`, [
        this.config.KAFKA_CONSUMER_GROUP,
        row.event_id,
      ]);
      drained.left -= 1;
      if (reason) drained.deadLettered += 1;
      else drained.delivered += 1;
      this.parked.inc({ outcome: reason ? 'dead-lettered' : 'delivered' });
    }
    return drained;
  }

  /**
   * One pass of the sweep: events past their lifetime go to the dead-letter topic; the others,
   * whose workflow now runs (their drain failed, or a start came through another way), are
   * delivered. Each workflow is looked at once every `recheckMs`.
   */
  async sweep(now = Date.now(), recheckMs = 10_000): Promise<Drained> {
    const total: Drained = { delivered: 0, deadLettered: 0, left: 0 };
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [due]: [{ workflow_id: string }[], number] = await this.dataSource.query(
      `UPDATE parked_events SET checked_at = now()
        WHERE consumer = $1 AND workflow_id IN (
          SELECT workflow_id FROM parked_events
           WHERE consumer = $1 AND (checked_at IS NULL OR checked_at < $2 OR parked_at < $3)
           GROUP BY workflow_id ORDER BY min(parked_at) LIMIT 50)
        RETURNING workflow_id`,
      [
        this.config.KAFKA_CONSUMER_GROUP,
        new Date(now - recheckMs),
        new Date(now - PARKING_LIFETIME_MS),
      ],
    );
    const workflowIds = [...new Set(due.map((row) => row.workflow_id))];
    // Several workflows at once: after an outage hundreds may be due, and a delivery Temporal is
    // slow to take holds its slot for up to UPDATE_DEADLINE_MS; one at a time, a backlog of a few
    // hundred took longer than the failover test's five minutes to drain. Each workflow still has
    // its own transaction and lock, and its events go in order.
    let next = 0;
    const worker = async () => {
      while (next < workflowIds.length) {
        const result = await this.sweepOne(workflowIds[next++] as string, now);
        total.delivered += result.delivered;
        total.deadLettered += result.deadLettered;
        total.left += result.left;
      }
    };
    const workers = Math.min(SWEEP_CONCURRENCY, workflowIds.length);
    const outcomes = await Promise.allSettled(Array.from({ length: workers }, worker));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return total;
  }

  private sweepOne(workflowId: string, now: number): Promise<Drained> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, workflowId);
      const expired = await this.expire(manager, workflowId, now);
      const status = await this.statusOf(workflowId);
      const drained =
        status === undefined
          ? { delivered: 0, deadLettered: 0, left: 0 }
          : await this.drain(manager, workflowId);
      return { ...drained, deadLettered: drained.deadLettered + expired };
    });
  }

  private async expire(manager: EntityManager, workflowId: string, now: number): Promise<number> {
    const [rows]: [ParkedRow[], number] = await manager.query(
      `DELETE FROM parked_events
        WHERE consumer = $1 AND workflow_id = $2 AND parked_at < $3
        RETURNING event_id, workflow_id, topic, partition, "offset"::text AS "offset", envelope, parked_at`,
      [this.config.KAFKA_CONSUMER_GROUP, workflowId, new Date(now - PARKING_LIFETIME_MS)],
    );
    for (const row of rows) {
      const hours = ((now - new Date(row.parked_at).getTime()) / 3600_000).toFixed(1);
      await this.deadLetter(
        row,
        'workflow-not-started',
        `Waited ${hours} h for workflow ${workflowId} to start; it never did`,
      );
      this.parked.inc({ outcome: 'expired' });
    }
    return rows.length;
  }

  /** The workflow's status, or undefined when it was never started. */
  private statusOf(workflowId: string): Promise<string | undefined> {
    return this.temporal.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        (description) => description.status.name,
        (error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return undefined;
          throw error;
        },
      );
  }

  /** Why a failed delivery is final (dead-lettered), or undefined when it may yet succeed. */
  private async finalReason(
    failure: unknown,
    workflowId: string,
  ): Promise<{ code: string; detail: string } | undefined> {
    if (failure === undefined) return undefined;
    if (failure instanceof WorkflowUpdateFailedError) {
      const detail = failure.cause?.message ?? failure.message;
      return { code: 'rejected:workflow.update-rejected', detail };
    }
    if (failure instanceof WorkflowNotFoundError) {
      const status = await this.statusOf(workflowId).catch(() => undefined);
      if (status !== undefined && status !== 'RUNNING') {
        return {
          code: 'rejected:workflow.closed',
          detail: `The workflow ${workflowId} has already finished (${status})`,
        };
      }
    }
    return undefined;
  }

  private deadLetter(row: ParkedRow, reason: string, detail: string): Promise<void> {
    return this.deadLetters.publish({
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      key: row.envelope.subject ?? null,
      value: JSON.stringify(row.envelope),
      consumer: this.config.KAFKA_CONSUMER_GROUP,
      reason,
      detail,
    });
  }
}
