import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type Admin, Kafka, type Producer } from 'kafkajs';
import type { AsyncModuleOptions } from '@reintegra/platform-config';
import { HealthRegistry } from '@reintegra/platform-http';
import { KAFKA_LOG_LEVEL, kafkaLogCreator } from './kafka-logging';
import { KAFKA, KAFKA_OPTIONS, KAFKA_PRODUCER, type KafkaConnectionOptions } from './kafka.tokens';
import { DeadLetterPublisher } from './dead-letter.publisher';

/**
 * The service's one producer. One request in flight keeps per-key order; every send passes
 * acks: -1 (all in-sync replicas; with min.insync.replicas=2 in the cluster profile a send survives
 * the loss of a broker).
 *
 * Not idempotent, on purpose: the broker de-duplicates by producer id, epoch and sequence number,
 * never by content, and kafkajs rolls the sequence numbers back when a produce request fails — also
 * when the broker wrote the batch but its answer was lost. The relay then rolls its transaction
 * back and the next send (other outbox rows) reuses those numbers: the broker answers it as a
 * duplicate of the earlier batch and writes nothing, and the events are lost. Without idempotence a
 * retried send is a real duplicate, which every consumer's inbox drops by event id.
 */
export function createSharedProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: false,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
}

/** Owns the producer and an admin client (health); connects at start, disconnects at shutdown. */
@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly admin: Admin;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    registry: HealthRegistry,
  ) {
    this.admin = kafka.admin();
    registry.register('kafka', async () => {
      await this.admin.describeCluster();
    });
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.producer.connect(), this.admin.connect()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

@Global()
@Module({})
export class PlatformKafkaModule {
  static forRootAsync(options: AsyncModuleOptions<KafkaConnectionOptions>): DynamicModule {
    return {
      module: PlatformKafkaModule,
      providers: [
        { provide: KAFKA_OPTIONS, inject: options.inject, useFactory: options.useFactory },
        {
          provide: KAFKA,
          inject: [KAFKA_OPTIONS],
          useFactory: (connection: KafkaConnectionOptions) =>
            new Kafka({
              clientId: connection.clientId,
              brokers: connection.brokers,
              ...(connection.ssl ? { ssl: connection.ssl } : {}),
              ...(connection.sasl ? { sasl: connection.sasl } : {}),
              logLevel: KAFKA_LOG_LEVEL,
              logCreator: kafkaLogCreator,
              retry: { retries: 8, initialRetryTime: 200 },
            }),
        },
        { provide: KAFKA_PRODUCER, inject: [KAFKA], useFactory: createSharedProducer },
        KafkaLifecycle,
        DeadLetterPublisher,
      ],
      exports: [KAFKA, KAFKA_OPTIONS, KAFKA_PRODUCER, DeadLetterPublisher],
    };
  }
}
