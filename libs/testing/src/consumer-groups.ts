import { Kafka } from 'kafkajs';

/**
 * Points a consumer group at the current end of some topics before its service starts, so that
 * a test's service reads only what the test publishes, not every earlier run's events.
 */
export async function startGroupAtEnd(
  brokers: string[],
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const admin = new Kafka({ brokers, clientId: 'test-group-setup', logLevel: 1 }).admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
