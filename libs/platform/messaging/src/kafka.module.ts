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
import { HealthRegistry } from '@reintegra/platform-http';
import { KAFKA_LOG_LEVEL, kafkaLogCreator } from './kafka-logging';
import { KAFKA, KAFKA_OPTIONS, KAFKA_PRODUCER, type KafkaConnectionOptions } from './kafka.tokens';
import { DeadLetterPublisher } from './dead-letter.publisher';

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
  static forRootAsync(options: {
    inject: Array<string | symbol>;
    useFactory: (...args: never[]) => KafkaConnectionOptions;
  }): DynamicModule {
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
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA],
          // Idempotent producer: broker-side de-duplication of retried sends; one request in
          // flight keeps per-key order. Every send passes acks: -1 (all in-sync replicas; with
          // min.insync.replicas=2 in the cluster profile a send survives the loss of a broker).
          useFactory: (kafka: Kafka) =>
            kafka.producer({
              idempotent: true,
              maxInFlightRequests: 1,
              allowAutoTopicCreation: false,
            }),
        },
        KafkaLifecycle,
        DeadLetterPublisher,
      ],
      exports: [KAFKA, KAFKA_OPTIONS, KAFKA_PRODUCER, DeadLetterPublisher],
    };
  }
}
