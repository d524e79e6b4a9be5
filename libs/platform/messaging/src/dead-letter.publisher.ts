import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopicOf } from '@reintegra/event-contracts';
import { counterOf } from '@reintegra/platform-http';
import { KAFKA_PRODUCER } from './kafka.tokens';

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  consumer: string;
  reason: string;
  detail: string;
}

/** The dead letter of a consumed message: the message unchanged, where it stood, who gave up and why. */
export function deadLetterOf(
  at: { topic: string; partition: number; consumer: string },
  message: Pick<KafkaMessage, 'offset' | 'key' | 'value' | 'headers'>,
  reason: string,
  detail: string,
): DeadLetter {
  const { offset, key, value, headers } = message;
  return { ...at, offset, key, value, headers, reason, detail };
}

/** Header names a dead-lettered message carries, besides its original headers. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  detail: 'dlq-detail',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumer: 'dlq-consumer',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * Sends a message that cannot be processed to its topic's dead-letter topic, unchanged, with the
 * reason in headers, so nothing is lost and it can be inspected and replayed.
 */
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private readonly deadLettered = counterOf(
    'dead_letters_total',
    'Messages sent to a dead-letter topic, by topic, reason and consumer group',
    ['topic', 'reason', 'consumer'],
  );

  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}

  async publish(letter: DeadLetter): Promise<void> {
    const topic = deadLetterTopicOf(letter.topic);
    await this.producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: letter.key,
          value: letter.value,
          headers: {
            ...letter.headers,
            [DLQ_HEADERS.reason]: letter.reason,
            [DLQ_HEADERS.detail]: letter.detail.slice(0, 2000),
            [DLQ_HEADERS.originalTopic]: letter.topic,
            [DLQ_HEADERS.originalPartition]: String(letter.partition),
            [DLQ_HEADERS.originalOffset]: letter.offset,
            [DLQ_HEADERS.consumer]: letter.consumer,
            [DLQ_HEADERS.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
    this.deadLettered.inc({
      topic: letter.topic,
      reason: letter.reason,
      consumer: letter.consumer,
    });
    this.logger.warn({
      msg: 'message dead-lettered',
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
      deadLetterTopic: topic,
      reason: letter.reason,
    });
  }
}
