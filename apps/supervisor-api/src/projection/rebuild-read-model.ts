import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { loadConfig, kafkaConfigSpec, migrationConfigSpec } from '@reintegra/platform-config';
import { serviceDataSourceOptions } from '@reintegra/platform-database';
import { consumerConfigSpec, DeadLetterPublisher } from '@reintegra/platform-messaging';
import { READ_MODEL_TABLES, supervisorDataSource } from '../database/supervisor-data-source';
import { AWAITING_SQL } from '../core/referral-statuses';
import { PROJECTED_TOPICS, ProjectionRunner } from './projection-runner';

const FRESH = 'read_model_rebuild';
const RETIRED = 'read_model_retired';

const rebuildConfigSpec = {
  ...migrationConfigSpec('supervisor'),
  ...kafkaConfigSpec('supervisor-api'),
  ...consumerConfigSpec('supervisor-api'),
};

const log = (message: string) => process.stdout.write(`[rebuild-read-model] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `main.js rebuild-read-model`: rebuilds the read model from the topics while the service keeps
 * serving the current one. Runs the migrations into a fresh schema, projects every topic into it
 * with a new consumer group from the beginning up to the end offsets seen at the start, then swaps
 * the tables in, in one transaction. The running service notices that the swapped-in tables stop
 * earlier than its consumer and rewinds to their positions, so nothing is lost or applied twice.
 * Needs the migration role (it creates tables).
 */
export async function rebuildReadModel(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(rebuildConfigSpec, env);
  const kafka = new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}-rebuild`,
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.WARN,
  });
  const targets = await endOffsets(kafka);
  log(`${targets.size} partitions to read up to their current end`);

  const admin = new DataSource(
    serviceDataSourceOptions({ ...supervisorDataSource(config.DATABASE_MIGRATION_URL, 2) }),
  );
  const fresh = new DataSource({
    ...serviceDataSourceOptions(supervisorDataSource(config.DATABASE_MIGRATION_URL, 4)),
    extra: { max: 4, options: `-c search_path=${FRESH}` },
  });
  await admin.initialize();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${FRESH} CASCADE`);
    await admin.query(`CREATE SCHEMA ${FRESH}`);
    await fresh.initialize();
    await fresh.runMigrations({ transaction: 'each' });
    await producer.connect();
    const deadLetters = new DeadLetterPublisher(producer);
    const groupId = `${config.KAFKA_CONSUMER_GROUP}-rebuild-${Date.now()}`;
    const runner = new ProjectionRunner({
      kafka,
      groupId,
      dataSource: fresh,
      deadLetter: (letter) => deadLetters.publish(letter),
      maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    });
    log(`projecting with consumer group ${groupId}`);
    await runner.start();
    try {
      await caughtUp(runner, targets);
    } finally {
      await runner.stop();
    }
    // Deadlines that passed before now are history: no live alert for them after the swap.
    await fresh.query(
      `UPDATE referrals SET breach_alerted_for = acknowledge_by
        WHERE status IN ${AWAITING_SQL} AND acknowledge_by < now()`,
    );
    await swap(admin);
    log('done: the rebuilt tables are live');
  } finally {
    await Promise.allSettled([producer.disconnect(), fresh.destroy()]);
    await admin.query(`DROP SCHEMA IF EXISTS ${FRESH} CASCADE`).catch(() => undefined);
    await admin.destroy();
  }
}

async function endOffsets(kafka: Kafka): Promise<Map<string, { low: bigint; high: bigint }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const targets = new Map<string, { low: bigint; high: bigint }>();
    for (const topic of PROJECTED_TOPICS) {
      for (const p of await admin.fetchTopicOffsets(topic))
        targets.set(`${topic}:${p.partition}`, { low: BigInt(p.low), high: BigInt(p.high) });
    }
    return targets;
  } finally {
    await admin.disconnect();
  }
}

async function caughtUp(
  runner: ProjectionRunner,
  targets: Map<string, { low: bigint; high: bigint }>,
): Promise<void> {
  let lastReport = 0;
  for (;;) {
    const positions = await runner.positions();
    const behind = [...targets].filter(
      ([key, { low, high }]) => high > low && (positions.get(key) ?? low) < high,
    );
    if (behind.length === 0) return;
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      log(`${behind.length} partitions still behind`);
    }
    await sleep(250);
  }
}

/** Moves the current tables out and the fresh ones in, with the same grants, atomically. */
async function swap(admin: DataSource): Promise<void> {
  await admin.transaction(async (manager) => {
    for (const table of READ_MODEL_TABLES) {
      const grants = (await manager.query(
        `SELECT grantee, string_agg(privilege_type, ', ') AS privileges
           FROM information_schema.role_table_grants
          WHERE table_schema = 'public' AND table_name = $1 AND grantee <> current_user
          GROUP BY grantee`,
        [table],
      )) as { grantee: string; privileges: string }[];
      for (const { grantee, privileges } of grants)
        await manager.query(`GRANT ${privileges} ON ${FRESH}.${table} TO "${grantee}"`);
    }
    // Waits for the live projection's transaction in flight, then holds it off until commit.
    await manager.query(
      `LOCK TABLE ${READ_MODEL_TABLES.map((t) => `public.${t}`).join(', ')} IN ACCESS EXCLUSIVE MODE`,
    );
    await manager.query(`DROP SCHEMA IF EXISTS ${RETIRED} CASCADE`);
    await manager.query(`CREATE SCHEMA ${RETIRED}`);
    for (const table of READ_MODEL_TABLES) {
      await manager.query(`ALTER TABLE public.${table} SET SCHEMA ${RETIRED}`);
      await manager.query(`ALTER TABLE ${FRESH}.${table} SET SCHEMA public`);
    }
  });
  await admin.query(`DROP SCHEMA ${RETIRED} CASCADE`);
}
