import { type KafkaOptions, Transport } from '@nestjs/microservices';
import { KAFKA_LOG_LEVEL, kafkaLogCreator } from './kafka-logging';
import type { KafkaConnectionOptions } from './kafka.tokens';

/**
 * Options of the Nest Kafka transport for a service that consumes events. Offsets are committed
 * by EventConsumer after handling (autoCommit off); values stay raw bytes so that the contract
 * parser sees exactly what was sent (and can dead-letter it unchanged).
 */
export function kafkaConsumerTransport(
  options: KafkaConnectionOptions & { groupId: string },
): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: `${options.clientId}-consumer`,
        brokers: options.brokers,
        ...(options.ssl ? { ssl: options.ssl } : {}),
        ...(options.sasl ? { sasl: options.sasl } : {}),
        logLevel: KAFKA_LOG_LEVEL,
        logCreator: kafkaLogCreator,
      },
      consumer: {
        groupId: options.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
      },
      subscribe: { fromBeginning: true },
      // Partitions in parallel (each still in order); commits stay per message (EventConsumer).
      run: { autoCommit: false, partitionsConsumedConcurrently: 3 },
      parser: { keepBinary: true },
      producerOnlyMode: false,
    },
  };
}
