import { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { TOPICS } from '@reintegra/event-contracts';
import { currentTestStack } from '@reintegra/testing';

/**
 * The supervisors' read model of the benchmarks: a database of its own (`supervisor_bench`), so
 * they neither read nor disturb the test suites' read model.
 */
export function readModelBenchUrl(role: 'app' | 'migrator'): string {
  const { postgres } = currentTestStack();
  return `postgres://supervisor_${role}:supervisor_${role}_pw@${postgres.host}:${postgres.port}/supervisor_bench`;
}

/**
 * Empties the read model (the migration role's pool: the application role may not TRUNCATE) and
 * places its projection at the end of every topic: a benchmark measures its own events, not the
 * catch-up on everything published before it.
 */
export async function emptyReadModelAtTheEnd(pool: Pool, brokers: string[]): Promise<void> {
  await pool.query(
    `TRUNCATE cases, referrals, case_events, follow_ups, scores, enrolments, projection_positions`,
  );
  const admin = new Kafka({ brokers, clientId: 'read-model-bench', logLevel: 1 }).admin();
  await admin.connect();
  try {
    for (const topic of Object.values(TOPICS)) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic))
        await pool.query(
          `INSERT INTO projection_positions (topic, partition, next_offset) VALUES ($1, $2, $3)`,
          [topic, partition, high],
        );
    }
  } finally {
    await admin.disconnect();
  }
}
