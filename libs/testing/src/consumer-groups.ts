import { Kafka } from 'kafkajs';
import { eventually } from './eventually';

/**
 * Points a consumer group at the current end of some topics before its service starts, so that
 * a test's service reads only what the test publishes, not every earlier run's events. Explicit
 * offsets, not "latest": that would be resolved only when the service's group joins and could
 * skip events published meanwhile.
 *
 * One member joins for all the topics, seeks every partition to its end (with auto-commit a seek
 * is committed at the next fetch) and leaves: kafkajs' `admin.setOffsets` joins once per topic,
 * which cost about 3.5 s a topic (35 s for the partner gateway's ten).
 */
export async function startGroupAtEnd(
  brokers: string[],
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const kafka = new Kafka({ brokers, clientId: 'test-group-setup', logLevel: 1 });
  const admin = kafka.admin();
  // The seeks are committed at the start of the next fetch: a short fetch wait (kafkajs waits
  // 5 s on an idle topic by default) lets that come at once.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  await admin.connect();
  try {
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
    );
    const committed = async () => {
      for (const { topic, partitions } of ends) {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const { partition, high } of partitions) {
          const offset = offsets?.partitions.find((p) => p.partition === partition)?.offset;
          if (offset !== high)
            throw new Error(`${groupId} is at ${offset} on ${topic}/${partition}, not at ${high}`);
        }
      }
    };
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: false });
    // Resolves once the member has joined and holds every partition (it is the only member).
    await consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined });
    for (const { topic, partitions } of ends)
      for (const { partition, high } of partitions)
        consumer.seek({ topic, partition, offset: high });
    await eventually(committed, { timeoutMs: 30_000, intervalMs: 100 });
  } finally {
    await Promise.all([consumer.disconnect(), admin.disconnect()]);
  }
}
