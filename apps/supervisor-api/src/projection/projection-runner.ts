import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { parseEvent, TOPICS } from '@reintegra/event-contracts';
import { type DeadLetter, deadLetterOf } from '@reintegra/platform-messaging';
import type { ProjectedAlert, Queryable } from './projection-core';
import { ReadModelProjector } from './read-model-projector';

/** Every topic that carries case facts, and community inclusion (capacity is about cohorts, not cases). */
export const PROJECTED_TOPICS = [
  TOPICS.intakeReturnees,
  TOPICS.intakeConsents,
  TOPICS.intakeReferrals,
  TOPICS.referralStatus,
  TOPICS.pathEvents,
  TOPICS.communityEvents,
] as const;

export interface ProjectionRunnerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  /** Where the read model is written (the live tables, or a rebuild's fresh schema). */
  readonly dataSource: DataSource;
  readonly deadLetter: (letter: DeadLetter) => Promise<void>;
  readonly maxAttempts: number;
  readonly retryDelayMs?: number;
  /** Live alerts of what was just applied (not for a rebuild). */
  readonly onAlerts?: (alerts: ProjectedAlert[]) => void;
}

/** Messages per transaction when a partition has a backlog. */
const CHUNK = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Projects the topics into the read model. The next offset of every partition is stored in the
 * read model in the same transaction as what the message changed, so each message is applied
 * exactly once and the tables themselves say how far they are: a message past the stored
 * position makes the runner seek back to it (after a rebuild swapped in tables that stopped
 * earlier, or a restore from backup); one before it was applied already. The consumer group only
 * spreads partitions and remembers a hint of where to resume.
 */
export class ProjectionRunner {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly projector = new ReadModelProjector();
  private readonly lowWatermarks = new Map<string, string>();
  private consumer: Consumer | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {}

  async start(): Promise<void> {
    await this.loadLowWatermarks();
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...PROJECTED_TOPICS], fromBeginning: true });
    await consumer.run({
      // The stored positions are the truth; committed offsets only speed up a restart.
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.handleBatch(consumer, payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** The stored next offset of every partition projected so far. */
  async positions(): Promise<Map<string, bigint>> {
    const rows = (await this.options.dataSource.query(
      `SELECT topic, partition, next_offset AS "nextOffset" FROM projection_positions`,
    )) as { topic: string; partition: number; nextOffset: string }[];
    return new Map(rows.map((r) => [`${r.topic}:${r.partition}`, BigInt(r.nextOffset)]));
  }

  private async loadLowWatermarks(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      for (const topic of PROJECTED_TOPICS) {
        for (const p of await admin.fetchTopicOffsets(topic))
          this.lowWatermarks.set(`${topic}:${p.partition}`, p.low);
      }
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * A batch of one partition in one transaction (catch-up and rebuilds read thousands of
   * messages). If any message of the chunk fails, the chunk is rolled back and its messages go
   * one by one, with retries and the dead-letter topic for the one that keeps failing.
   */
  private async handleBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    for (let start = 0; start < batch.messages.length; start += CHUNK) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + CHUNK);
      try {
        const alerts: ProjectedAlert[] = [];
        const outcome = await this.options.dataSource.transaction(async (manager) => {
          let expected = await this.expectedOffset(manager, batch.topic, batch.partition);
          let applied = false;
          let seekTo: string | undefined;
          for (const message of chunk) {
            const offset = BigInt(message.offset);
            if (offset < expected) continue;
            if (offset > expected) {
              seekTo = expected.toString();
              break;
            }
            const parsed = parseEvent(message.value);
            if (!parsed.ok) throw new Error('unparsable message: handled one by one');
            if (this.projector.handles(parsed.event.type))
              alerts.push(...(await this.projector.apply(manager, parsed.event)));
            expected = offset + 1n;
            applied = true;
          }
          if (applied) await this.store(manager, batch.topic, batch.partition, expected);
          return { applied, seekTo };
        });
        if (outcome.applied && alerts.length > 0) this.options.onAlerts?.(alerts);
        if (outcome.seekTo !== undefined) {
          this.follow(consumer, batch.topic, batch.partition, { seekTo: outcome.seekTo });
          return;
        }
      } catch {
        for (const message of chunk) {
          await this.handle(consumer, batch.topic, batch.partition, message, heartbeat);
        }
      }
      const last = chunk.at(-1);
      if (last) resolveOffset(last.offset);
      await heartbeat();
    }
  }

  private async handle(
    consumer: Consumer,
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const parsed = parseEvent(message.value);
    const relevant = parsed.ok && this.projector.handles(parsed.event.type);
    if (!parsed.ok) {
      const position = await this.check(topic, partition, message.offset);
      if (position !== 'apply') return this.follow(consumer, topic, partition, position);
      await this.deadLetter(topic, partition, message, parsed.reason, parsed.detail);
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const alerts: ProjectedAlert[] = [];
        const outcome = await this.options.dataSource.transaction(async (manager) => {
          const expected = await this.expectedOffset(manager, topic, partition);
          const offset = BigInt(message.offset);
          if (offset < expected) return 'already-applied' as const;
          if (offset > expected) return { seekTo: expected.toString() };
          if (parsed.ok && relevant)
            alerts.push(...(await this.projector.apply(manager, parsed.event)));
          await this.store(manager, topic, partition, offset + 1n);
          return 'applied' as const;
        });
        if (typeof outcome === 'object') return this.follow(consumer, topic, partition, outcome);
        if (outcome === 'applied' && alerts.length > 0) this.options.onAlerts?.(alerts);
        return;
      } catch (error) {
        if (attempt >= this.options.maxAttempts) {
          // A fact the projection cannot take (a bug, or data it does not expect): dead-letter
          // it and move on; a rebuild after the fix replays it.
          await this.deadLetter(
            topic,
            partition,
            message,
            'processing-failed',
            `after ${attempt} attempts: ${(error as Error).message}`,
          );
          await this.skip(topic, partition, message.offset);
          return;
        }
        this.logger.warn({
          msg: 'projection failed; retrying',
          topic,
          partition,
          offset: message.offset,
          attempt,
          error: (error as Error).message,
        });
        await sleep(Math.min(10_000, (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1)));
        await heartbeat();
      }
    }
  }

  /** Sends the message, unchanged, to its topic's dead-letter topic with the reason. */
  private deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    detail: string,
  ): Promise<void> {
    const at = { topic, partition, consumer: this.options.groupId };
    return this.options.deadLetter(deadLetterOf(at, message, reason, detail));
  }

  private async check(
    topic: string,
    partition: number,
    offset: string,
  ): Promise<'apply' | 'already-applied' | { seekTo: string }> {
    const expected = await this.expectedOffset(this.options.dataSource, topic, partition);
    if (BigInt(offset) < expected) return 'already-applied';
    if (BigInt(offset) > expected) return { seekTo: expected.toString() };
    return 'apply';
  }

  private follow(
    consumer: Consumer,
    topic: string,
    partition: number,
    outcome: 'already-applied' | { seekTo: string },
  ): void {
    if (outcome === 'already-applied') return;
    this.logger.log({ msg: 'rewinding to the read model position', topic, partition, ...outcome });
    consumer.seek({ topic, partition, offset: outcome.seekTo });
  }

  private async store(db: Queryable, topic: string, partition: number, nextOffset: bigint) {
    await db.query(
      `INSERT INTO projection_positions (topic, partition, next_offset) VALUES ($1, $2, $3)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
      [topic, partition, nextOffset.toString()],
    );
  }

  private async skip(topic: string, partition: number, offset: string) {
    await this.options.dataSource.query(
      `INSERT INTO projection_positions (topic, partition, next_offset) VALUES ($1, $2, $3)
       ON CONFLICT (topic, partition) DO UPDATE SET next_offset = greatest(projection_positions.next_offset, EXCLUDED.next_offset), updated_at = now()`,
      [topic, partition, (BigInt(offset) + 1n).toString()],
    );
  }

  private async expectedOffset(db: Queryable, topic: string, partition: number): Promise<bigint> {
    const rows = (await db.query(
      `SELECT next_offset AS "nextOffset" FROM projection_positions
        WHERE topic = $1 AND partition = $2 FOR UPDATE`,
      [topic, partition],
    )) as { nextOffset: string }[];
    if (rows[0]) return BigInt(rows[0].nextOffset);
    return BigInt(this.lowWatermarks.get(`${topic}:${partition}`) ?? '0');
  }
}
