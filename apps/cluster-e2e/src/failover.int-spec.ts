import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { eventually, runToCompletion, ServiceProcess } from '@reintegra/testing';
import {
  openReferralsQuery,
  referralWorkflowId,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import { type Person, runLoad } from './cluster-load';
import { ClusterStack, root } from './cluster-stack';

/**
 * Failover on the cluster profile: three Kafka brokers (SASL_SSL, replication 3,
 * min.insync.replicas 2), the Temporal server's processes (two history) on PostgreSQL with mutual
 * TLS, two replicas of intake, the orchestrator, employment matching and the supervisor API.
 * While officers register and refer people, one broker, one history process and one replica of
 * each service are killed with SIGKILL, and every PostgreSQL connection is terminated
 * (pg_terminate_backend: the server and its data stay); each is brought back as an operator
 * would. Afterwards every accepted registration has exactly one path, every referral exactly one
 * child workflow and one row everywhere, and no dead letter was written.
 *
 * Runs only through `npm run test:cluster` (CLUSTER_E2E=1), which installs the profile's
 * prerequisites (the Temporal server builds from its Go module once, minutes): it takes ~17 min
 * and still finds referrals lost at failover (README, "Cluster profile"), so `npm test` leaves it
 * out until that is fixed.
 */
jest.setTimeout(1_800_000);
const cached =
  process.env['CLUSTER_E2E'] === '1' &&
  spawnSync('bash', ['infra/stack.sh', 'installed', '--profile', 'cluster'], { cwd: root })
    .status === 0;
const PEOPLE = Number(process.env['CLUSTER_E2E_PEOPLE'] ?? '60');

const cluster = new ClusterStack('cluster-failover');
const APPS = [
  { app: 'intake', database: 'intake', port: 3361 },
  { app: 'orchestrator', database: 'orchestrator', port: 3363 },
  { app: 'employment-matching', database: 'employment_matching', port: 3365 },
  { app: 'supervisor-api', database: 'supervisor', port: 3367 },
] as const;
type App = (typeof APPS)[number]['app'];
const replicas = new Map<App, [ServiceProcess, ServiceProcess]>();
function replicasOf(app: App): [ServiceProcess, ServiceProcess] {
  const pair = replicas.get(app);
  if (!pair) throw new Error(`${app} has no replicas yet`);
  return pair;
}

/** What was killed, and how long it took from the kill to healthy again. */
const recoveries: { what: string; seconds: number }[] = [];

async function expectOnceEach(database: string, table: string, column: string, ids: string[]) {
  const client = new Client({ connectionString: cluster.databaseUrl(database) });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; n: number }>(
      `SELECT ${column}::text AS id, count(*)::int AS n FROM ${table} WHERE ${column}::text = ANY($1) GROUP BY 1`,
      [ids],
    );
    const found = new Set(rows.map((row) => row.id));
    expect({
      table: `${database}.${table}`,
      missing: ids.filter((id) => !found.has(id)),
      twice: rows.filter((row) => row.n > 1),
    }).toEqual({ table: `${database}.${table}`, missing: [], twice: [] });
  } finally {
    await client.end();
  }
}

/** kill -9, a few seconds down (the load meets it), then back as an operator brings it. */
async function crash(what: string, kill: () => unknown, recover: () => Promise<unknown>) {
  const killedAt = Date.now();
  await kill();
  await sleep(3_000);
  await recover();
  recoveries.push({ what, seconds: (Date.now() - killedAt) / 1000 });
}

const healthy = (service: ServiceProcess) =>
  eventually(
    async () => {
      const response = await fetch(`${service.url}/health`);
      if (response.status !== 200) throw new Error(`${service.app} health ${response.status}`);
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );

/**
 * Starts a replica as a process supervisor would (systemd's Restart=on-failure, a Deployment):
 * a replica that exits at boot (an engine still recovering answers too late) is started again,
 * up to three times; one still booting after ServiceProcess's 60 s (a busy 2-core machine) gets
 * longer to turn healthy.
 */
async function boot(service: ServiceProcess): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await service.start();
    } catch (error) {
      if (!/ exited with /.test((error as Error).message)) return healthy(service);
      if (attempt === 3) throw error;
    }
  }
}

async function unleash(): Promise<void> {
  await sleep(5_000);
  await crash(
    'Kafka broker 2 of 3',
    () => process.kill(cluster.pid('kafka-2'), 'SIGKILL'),
    () => cluster.run('start'),
  );
  await sleep(4_000);
  await crash(
    'Temporal history process 1 of 2',
    () => process.kill(cluster.pid('temporal-history-1'), 'SIGKILL'),
    () => cluster.run('start'),
  );
  for (const { app } of APPS) {
    await sleep(3_000);
    const [first] = replicasOf(app);
    await crash(
      `${app} replica 1 of 2`,
      () => first.kill(),
      () => boot(first),
    );
  }
  await sleep(3_000);
  const terminatedAt = Date.now();
  const terminated = await cluster.terminateBackends();
  await Promise.all(APPS.flatMap(({ app }) => replicasOf(app).map(healthy)));
  recoveries.push({
    what: `PostgreSQL connections (${terminated} terminated)`,
    seconds: (Date.now() - terminatedAt) / 1000,
  });
}

afterAll(async () => {
  await Promise.allSettled([...replicas.values()].flat().map((service) => service.stop()));
  await cluster.dispose();
});

(cached ? describe : describe.skip)('failover on the cluster profile', () => {
  let people: Person[] = [];

  it('starts the cluster, and refuses plaintext on Kafka and Temporal', async () => {
    const started = Date.now();
    await cluster.run('start');
    console.log(`cluster-e2e: cluster started in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const identity = await cluster.identity('cluster-e2e');
    const plain = new Kafka({
      clientId: 'plaintext',
      brokers: identity['KAFKA_BROKERS'].split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 3_000,
    }).admin();
    await expect(plain.connect().then(() => plain.listTopics())).rejects.toThrow();
    await plain.disconnect().catch(() => undefined);
    await expect(
      Connection.connect({ address: identity['TEMPORAL_ADDRESS'], connectTimeout: 5_000 }),
    ).rejects.toThrow();
    // Every topic on three brokers, two in sync required for a write.
    const admin = (await cluster.kafka()).admin();
    await admin.connect();
    const topics = await admin.listTopics();
    const metadata = await admin.fetchTopicMetadata({ topics });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['min.insync.replicas'],
      })),
    });
    await admin.disconnect();
    expect(
      metadata.topics.flatMap((t) => t.partitions).filter((p) => p.replicas.length !== 3),
    ).toEqual([]);
    expect(
      configs.resources
        .filter((r) => r.configEntries[0]?.configValue !== '2')
        .map((r) => r.resourceName),
    ).toEqual([]);
  });

  it('keeps taking registrations and referrals while a broker, a history process, a replica of each service and the database connections go', async () => {
    for (const { app, database, port } of APPS) {
      const env = await cluster.serviceEnv(app, database);
      await runToCompletion(app, 'migrate', env);
      replicas.set(app, [
        new ServiceProcess(app, port, env),
        new ServiceProcess(app, port + 1, env),
      ]);
    }
    // One app at a time (its two replicas together): eight boots at once overrun 2 busy cores.
    for (const pair of replicas.values()) await Promise.all(pair.map(boot));
    let unleashed = false;
    const started = Date.now();
    const [load] = await Promise.all([
      runLoad({
        intake: replicasOf('intake').map((service) => service.url),
        workers: 4,
        minimum: PEOPLE,
        pauseMs: 200,
        stop: () => unleashed,
      }),
      unleash().finally(() => (unleashed = true)),
    ]);
    people = load.people;
    console.log(
      `cluster-e2e: ${people.length} people (${load.figures.requests} requests, ${load.figures.retried} ` +
        `met a part down) in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
        `${recoveries.length} failures, back after: ` +
        recoveries.map((r) => `${r.what} ${r.seconds.toFixed(1)} s`).join(', '),
    );
    expect(recoveries).toHaveLength(7);
    expect(people.every((person) => person.referralId)).toBe(true);
  });

  it('has done each accepted request exactly once, everywhere, with nothing stuck', async () => {
    const settledFrom = Date.now();
    const all = people as Required<Person>[];
    expect(all.length).toBeGreaterThanOrEqual(PEOPLE);
    await eventually(
      async () => {
        await expectOnceEach(
          'intake',
          'returnees',
          'dui',
          all.map((p) => p.dui),
        );
        await expectOnceEach(
          'intake',
          'referrals',
          'case_id',
          all.map((p) => p.caseId),
        );
        await expectOnceEach(
          'employment_matching',
          'referrals',
          'id',
          all.map((p) => p.referralId),
        );
        await expectOnceEach(
          'supervisor',
          'cases',
          'case_id',
          all.map((p) => p.caseId),
        );
        await expectOnceEach(
          'supervisor',
          'referrals',
          'referral_id',
          all.map((p) => p.referralId),
        );
        // One running path per registration and one referral child per referral (the ids are per
        // case and per referral: a second start is refused), and each path holds its referral once.
        await cluster.temporal(async (client) => {
          const status = (id: string) =>
            client.workflow
              .getHandle(id)
              .describe()
              .then((d) => d.status.name);
          for (let i = 0; i < all.length; i += 50) {
            const statuses = await Promise.all(
              all
                .slice(i, i + 50)
                .flatMap(({ caseId, referralId }) => [
                  status(reintegrationPathWorkflowId(caseId)),
                  status(referralWorkflowId(referralId)),
                ]),
            );
            expect(statuses.filter((s) => s !== 'RUNNING')).toEqual([]);
          }
          for (const { caseId, referralId } of all.slice(0, 25)) {
            const open = await client.workflow
              .getHandle(reintegrationPathWorkflowId(caseId))
              .query(openReferralsQuery);
            expect(open.filter((referral) => referral.referralId === referralId)).toHaveLength(1);
          }
        });
      },
      { timeoutMs: 300_000, intervalMs: 3_000 },
    );
    console.log(
      `cluster-e2e: every effect in place ${((Date.now() - settledFrom) / 1000).toFixed(0)} s after the load`,
    );
  });

  it('wrote no dead letter: the load held no bad input', async () => {
    expect(people.length).toBeGreaterThanOrEqual(PEOPLE);
    const admin = (await cluster.kafka()).admin();
    await admin.connect();
    const deadLetterTopics = (await admin.listTopics()).filter((topic) => topic.endsWith('.dlq'));
    let written = 0;
    for (const topic of deadLetterTopics)
      for (const partition of await admin.fetchTopicOffsets(topic))
        written += Number(partition.high);
    await admin.disconnect();
    expect(deadLetterTopics.length).toBeGreaterThan(0);
    expect(written).toBe(0);
  });
});
