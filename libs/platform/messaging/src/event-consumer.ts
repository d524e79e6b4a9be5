import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { type EventEnvelope, parseEvent } from '@reintegra/event-contracts';
import { DomainError } from '@reintegra/platform-errors';
import { deadLetterOf, DeadLetterPublisher } from './dead-letter.publisher';
import { waitsForRecovery } from './retry-later';
import { describeEvent, withConsumerSpan } from './message-tracing';
import { PartitionWindow, type WindowTicket } from './partition-window';

export const EVENT_CONSUMER_OPTIONS = Symbol('EVENT_CONSUMER_OPTIONS');

export interface EventConsumerOptions {
  /** Consumer group id; also the inbox consumer name. */
  groupId: string;
  /** Attempts for a transient failure before the message is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt (capped at 10 s). */
  retryDelayMs: number;
  /** Pause of a partition when even the dead-letter topic cannot be written. */
  pauseOnInfrastructureFailureMs: number;
  /**
   * Messages of one partition handled at once (1 when unset): messages with different keys side by
   * side, a key's messages one after the other. Offsets are committed up to the lowest unfinished.
   */
  concurrency?: number;
}

export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

export type EventHandler = (event: EventEnvelope, position: MessagePosition) => Promise<void>;

const SKIP_COMMIT_EVERY = 500;
const SKIP_COMMIT_MS = 1000;
/** How long shutdown waits for messages in flight before leaving them to be redelivered. */
const DRAIN_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A message given up at shutdown: neither finished nor committed, so it is delivered again. */
class Abandoned extends Error {}

interface PartitionState {
  readonly window: PartitionWindow;
  /** Highest offset asked to be committed, and the highest committed. */
  wanted: bigint;
  committed: bigint;
  committing: Promise<void> | undefined;
  skips: { count: number; since: number; timer?: NodeJS.Timeout } | undefined;
}

/**
 * The Kafka edge of a service. Every message is parsed against its contract; a message that
 * breaks it, is rejected by the domain, or keeps failing after bounded retries goes to the
 * dead-letter topic with the reason, and the consumer carries on. Offsets are committed only
 * after the message is handled or dead-lettered, and only up to the lowest message not finished.
 * With `concurrency` above 1, `consume` returns as soon as the partition has room for another
 * message, so Kafka hands over the next one while this one is handled (a different key) or waits
 * behind its key's previous message.
 */
@Injectable()
export class EventConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly partitions = new Map<string, PartitionState>();
  private readonly limit: number;
  private closing = false;

  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(EVENT_CONSUMER_OPTIONS) private readonly options: EventConsumerOptions,
  ) {
    this.limit = Math.max(1, options.concurrency ?? 1);
  }

  async consume(context: KafkaContext, handlers: Record<string, EventHandler>): Promise<void> {
    // Shutting down: leave it uncommitted; the next consumer of the partition gets it again.
    if (this.closing) return;
    const message = context.getMessage();
    const state = this.partitionOf(context);
    const key = message.key ? message.key.toString('latin1') : '';
    void state.window.take(BigInt(message.offset), key, (ticket) =>
      this.handleInTurn(context, handlers, state, ticket),
    );
    await state.window.room(() => context.getHeartbeat()());
  }

  /** Stops taking messages and lets those in flight finish (bounded); the rest are redelivered. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const drained = Promise.all([...this.partitions.values()].map((s) => s.window.drained()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      drained,
      new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS))),
    ]);
    clearTimeout(timer);
  }

  private partitionOf(context: KafkaContext): PartitionState {
    const id = `${context.getTopic()}:${context.getPartition()}`;
    let state = this.partitions.get(id);
    if (!state) {
      state = {
        window: new PartitionWindow(this.limit),
        wanted: -1n,
        committed: -1n,
        committing: undefined,
        skips: undefined,
      };
      this.partitions.set(id, state);
    }
    return state;
  }

  /** One message, after its key's previous one; never rejects. */
  private async handleInTurn(
    context: KafkaContext,
    handlers: Record<string, EventHandler>,
    state: PartitionState,
    ticket: WindowTicket,
  ): Promise<void> {
    await ticket.previous;
    // Its key's previous message was left unprocessed and the partition rewound: this one comes
    // again after it, in order.
    if (!state.window.isCurrent(ticket) || this.closing) return;
    const message = context.getMessage();
    const position: MessagePosition = {
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
    };
    try {
      const parsed = parseEvent(message.value);
      if (parsed.ok && !handlers[parsed.event.type]) {
        // Valid events this service has no use for are skipped (other consumers need them), and
        // committed in bulk: a shared topic can carry thousands of them. No span: nothing happens.
        await this.finished(context, state, ticket, true);
        return;
      }
      await withConsumerSpan(
        position,
        message.headers,
        async (span) => {
          if (!parsed.ok) {
            await this.deadLetter(context, parsed.reason, parsed.detail);
            return;
          }
          const { event } = parsed;
          describeEvent(span, { eventId: event.id, caseId: event.subject, type: event.type });
          await this.handleWithRetries(
            context,
            handlers[event.type] as EventHandler,
            event,
            position,
          );
        },
        parsed.ok ? parsed.event : undefined,
      );
      await this.finished(context, state, ticket, false);
    } catch (error) {
      if (error instanceof Abandoned) return;
      // Another message's failure rewound the partition meanwhile, to an offset at or below this
      // one (it was unfinished then): it comes again from there.
      if (!state.window.isCurrent(ticket)) return;
      // Could not even dead-letter (Kafka unavailable): rewind and pause this partition so the
      // message is retried later rather than skipped. The seek goes to the lowest unfinished
      // message, not this one: a lower message of another key may still wait for its turn.
      const from = state.window.rewind() ?? BigInt(position.offset);
      this.logger.error({
        msg: 'message left unprocessed; partition paused',
        ...position,
        rewoundTo: from.toString(),
        error: (error as Error).message,
      });
      const consumer = context.getConsumer();
      const partitions = [{ topic: position.topic, partitions: [position.partition] }];
      consumer.pause(partitions);
      consumer.seek({ topic: position.topic, partition: position.partition, offset: String(from) });
      setTimeout(() => {
        try {
          consumer.resume(partitions);
        } catch {
          // The consumer stopped meanwhile (shutdown); the next one starts from the committed offset.
        }
      }, this.options.pauseOnInfrastructureFailureMs).unref();
    }
  }

  private async handleWithRetries(
    context: KafkaContext,
    handler: EventHandler,
    event: EventEnvelope,
    position: MessagePosition,
  ): Promise<void> {
    // Only failures of the message count towards the dead-letter topic; an engine away or an
    // event ahead of the one it needs is waited out, in order (see waitsForRecovery).
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(event, position);
        return;
      } catch (error) {
        if (error instanceof DomainError) {
          await this.deadLetter(context, `rejected:${error.code}`, error.message);
          return;
        }
        const waiting = waitsForRecovery(error);
        if (!waiting) failures += 1;
        if (failures >= this.options.maxAttempts) {
          await this.deadLetter(
            context,
            'processing-failed',
            `after ${failures} attempts: ${(error as Error).message}`,
          );
          return;
        }
        this.logger.warn({
          msg: waiting ? 'event waits for recovery; retrying' : 'event handling failed; retrying',
          ...position,
          eventType: event.type,
          attempt,
          error: (error as Error).message,
        });
        await sleep(Math.min(10_000, this.options.retryDelayMs * 2 ** (attempt - 1)));
        if (this.closing) throw new Abandoned('shutting down');
        await context.getHeartbeat()();
      }
    }
  }

  private async deadLetter(context: KafkaContext, reason: string, detail: string): Promise<void> {
    const at = {
      topic: context.getTopic(),
      partition: context.getPartition(),
      consumer: this.options.groupId,
    };
    await this.deadLetters.publish(deadLetterOf(at, context.getMessage(), reason, detail));
  }

  /**
   * A message is done (handled, dead-lettered or skipped): the watermark moves over the finished
   * run at the head of the partition's window. Skipped messages are committed every
   * SKIP_COMMIT_EVERY of them or SKIP_COMMIT_MS, whichever first (by timer if nothing follows);
   * handled ones at once.
   */
  private async finished(
    context: KafkaContext,
    state: PartitionState,
    ticket: WindowTicket,
    skipped: boolean,
  ): Promise<void> {
    const next = state.window.finish(ticket);
    if (next === undefined) return;
    if (next > state.wanted) state.wanted = next;
    if (skipped) {
      const skips = state.skips ?? { count: 0, since: Date.now() };
      skips.count += 1;
      state.skips = skips;
      if (skips.count < SKIP_COMMIT_EVERY && Date.now() - skips.since < SKIP_COMMIT_MS) {
        // A partition that falls quiet after skipped messages still commits them; else its lag
        // (the kafka_consumer_lag gauge, the autoscaler's signal) stays up until the next message.
        skips.timer ??= setTimeout(() => {
          if (state.skips !== skips) return;
          state.skips = undefined;
          void this.commit(context, state);
        }, SKIP_COMMIT_MS).unref();
        return;
      }
    }
    clearTimeout(state.skips?.timer);
    state.skips = undefined;
    await this.commit(context, state);
  }

  /**
   * Commits the partition's watermark; one commit in flight per partition, the next one covering
   * every message finished meanwhile. A failed commit is left to the next one (or to redelivery).
   */
  private commit(context: KafkaContext, state: PartitionState): Promise<void> {
    if (state.committing) return state.committing;
    if (state.committed >= state.wanted) return Promise.resolve();
    let committing: Promise<void> | undefined = undefined;
    committing = (async () => {
      await null; // state.committing is set before anything below runs
      try {
        while (state.committed < state.wanted) {
          const target = state.wanted;
          await context.getConsumer().commitOffsets([
            {
              topic: context.getTopic(),
              partition: context.getPartition(),
              offset: target.toString(),
            },
          ]);
          state.committed = target;
        }
      } catch (error) {
        this.logger.warn({
          msg: 'offset commit failed; the next commit covers it',
          topic: context.getTopic(),
          partition: context.getPartition(),
          error: (error as Error).message,
        });
      } finally {
        if (state.committing === committing) state.committing = undefined;
      }
    })();
    state.committing = committing;
    return committing;
  }
}
