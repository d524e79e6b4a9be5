import { randomUUID } from 'node:crypto';
import { Kafka, type IHeaders } from 'kafkajs';
import { type EventEnvelope, parseEvent } from '@reintegra/event-contracts';

export interface RecordedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** Epoch ms when this consumer received it (for end-to-end latency). */
  receivedAt: number;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
}

/**
 * Records every message that arrives on some topics after `start()` resolves (its own consumer
 * group, so it never disturbs the services' groups).
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private readonly consumer;

  constructor(
    brokers: string[],
    private readonly topics: string[],
  ) {
    this.consumer = new Kafka({ brokers, clientId: 'test-recorder', logLevel: 1 }).consumer({
      groupId: `test-recorder-${randomUUID()}`,
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: false });
    const joined = new Promise<void>((resolve) => {
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve());
    });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        this.messages.push({
          topic,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersToStrings(message.headers),
          receivedAt: Date.now(),
        });
      },
    });
    await joined;
    // The group has its assignment; wait until the start offsets are fetched for every partition.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** The recorded events of one type (not parsable: skipped) whose data passes `predicate`. */
  events<T>(type: string, predicate: (data: T) => boolean = () => true): EventEnvelope<T>[] {
    return this.messages
      .map((message) => parseEvent(message.value))
      .filter((parsed) => parsed.ok && parsed.event.type === type)
      .map((parsed) => (parsed as { event: EventEnvelope<T> }).event)
      .filter((event) => predicate(event.data));
  }
}
