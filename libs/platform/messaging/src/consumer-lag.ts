import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { scrapedGauge, type Sample } from '@reintegra/platform-http';
import { EVENT_CONSUMER_OPTIONS, type EventConsumerOptions } from './event-consumer';
import { KAFKA } from './kafka.tokens';

type LagLabel = 'group' | 'topic' | 'partition';

/**
 * `kafka_consumer_lag{group,topic,partition}`: messages on the broker this service's consumer
 * group has not committed yet, read from the broker when scraped (at most once every 5 s).
 */
@Injectable()
export class ConsumerLagGauge implements OnApplicationBootstrap, OnApplicationShutdown {
  private admin: Admin | undefined;
  private unregister: (() => void) | undefined;
  private cached: { at: number; samples: Promise<Sample<LagLabel>[]> } | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_CONSUMER_OPTIONS) private readonly options: EventConsumerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.unregister = scrapedGauge(
      'kafka_consumer_lag',
      'Messages not yet committed by the consumer group, per topic and partition',
      ['group', 'topic', 'partition'],
      () => this.samples(),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.unregister?.();
    await this.admin?.disconnect();
  }

  private samples(): Promise<Sample<LagLabel>[]> {
    if (!this.cached || Date.now() - this.cached.at > 5_000) {
      this.cached = { at: Date.now(), samples: this.read() };
      // A failed read is not kept: the next scrape tries again.
      this.cached.samples.catch(() => (this.cached = undefined));
    }
    return this.cached.samples;
  }

  private async read(): Promise<Sample<LagLabel>[]> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    const group = this.options.groupId;
    return (await groupLag(this.admin, group)).map(({ topic, partition, lag }) => ({
      labels: { group, topic, partition },
      value: lag,
    }));
  }
}

/**
 * Messages on the broker a consumer group has not committed yet, per partition of `topics`
 * (default: the topics the group has committed on). A partition with no commit yet counts from
 * its log start.
 */
export async function groupLag(
  admin: Admin,
  groupId: string,
  topics?: string[],
): Promise<{ topic: string; partition: number; lag: number }[]> {
  const committed = await admin.fetchOffsets(topics ? { groupId, topics } : { groupId });
  const lags: { topic: string; partition: number; lag: number }[] = [];
  for (const { topic, partitions } of committed) {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p] as const),
    );
    for (const { partition, offset } of partitions) {
      const end = ends.get(partition);
      if (!end) continue;
      const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
      lags.push({ topic, partition, lag: Math.max(0, Number(end.high) - from) });
    }
  }
  return lags;
}
