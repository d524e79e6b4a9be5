import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { type EventEnvelope, parseEvent } from '@reintegra/event-contracts';
import { DomainError } from '@reintegra/platform-errors';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { waitsForRecovery } from './retry-later';
import { describeEvent, withConsumerSpan } from './message-tracing';

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
}

export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

export type EventHandler = (event: EventEnvelope, position: MessagePosition) => Promise<void>;

const SKIP_COMMIT_EVERY = 500;
const SKIP_COMMIT_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Kafka edge of a service. Every message is parsed against its contract; a message that
 * breaks it, is rejected by the domain, or keeps failing after bounded retries goes to the
 * dead-letter topic with the reason, and the consumer carries on. Offsets are committed only
 * after the message is handled or dead-lettered.
 */
@Injectable()
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly pendingSkips = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(EVENT_CONSUMER_OPTIONS) private readonly options: EventConsumerOptions,
  ) {}

  async consume(context: KafkaContext, handlers: Record<string, EventHandler>): Promise<void> {
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
        await this.skip(context);
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
      await this.commit(context);
    } catch (error) {
      // Could not even dead-letter (Kafka unavailable): rewind and pause this partition so the
      // message is retried later rather than skipped.
      this.logger.error({
        msg: 'message left unprocessed; partition paused',
        ...position,
        error: (error as Error).message,
      });
      const consumer = context.getConsumer();
      const partitions = [{ topic: position.topic, partitions: [position.partition] }];
      consumer.pause(partitions);
      consumer.seek({
        topic: position.topic,
        partition: position.partition,
        offset: position.offset,
      });
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
        await context.getHeartbeat()();
      }
    }
  }

  private async deadLetter(context: KafkaContext, reason: string, detail: string): Promise<void> {
    const message = context.getMessage();
    await this.deadLetters.publish({
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers,
      consumer: this.options.groupId,
      reason,
      detail,
    });
  }

  /** Commits skipped messages every SKIP_COMMIT_EVERY of them or SKIP_COMMIT_MS, whichever first. */
  private async skip(context: KafkaContext): Promise<void> {
    const key = `${context.getTopic()}:${context.getPartition()}`;
    const pending = this.pendingSkips.get(key) ?? { count: 0, since: Date.now() };
    pending.count += 1;
    this.pendingSkips.set(key, pending);
    if (pending.count >= SKIP_COMMIT_EVERY || Date.now() - pending.since >= SKIP_COMMIT_MS) {
      await this.commit(context);
    }
  }

  /** Commits up to this message (everything before it on the partition was handled or skipped). */
  private async commit(context: KafkaContext): Promise<void> {
    this.pendingSkips.delete(`${context.getTopic()}:${context.getPartition()}`);
    await context.getConsumer().commitOffsets([
      {
        topic: context.getTopic(),
        partition: context.getPartition(),
        offset: (BigInt(context.getMessage().offset) + 1n).toString(),
      },
    ]);
  }
}
