import { Client, Connection } from '@temporalio/client';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually, findWorkspaceRoot, testDatabaseUrl } from '@reintegra/testing';
import {
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
  type ReintegrationPathInput,
} from '@reintegra/workflow-contracts';
import { type Benchmark, measure, report, type Result } from './harness';

/**
 * The reintegration path's front door, measured end to end: returnee.registered on Kafka → the
 * orchestrator's bridge (contract check, inbox row, signal-with-start) → a running workflow, beside
 * a bare Temporal client start loop on the same task queue, worker and run. Then the worker's
 * memory (resident set of the orchestrator process) with 1,000 and 10,000 open paths.
 *
 * Needs the local stack and the orchestrator's build (`npx nx run orchestrator:build`). Uses the
 * test database and the reintegra-test namespace, a task queue of its own, and terminates every
 * path it opened. Knobs: BENCH_PATHS (events per run, default 500), BENCH_CONCURRENCY (bare
 * client starts in flight, default 16), BENCH_OPEN_PATHS (default "1000,10000").
 */
const root = findWorkspaceRoot();
const run = randomUUID().slice(0, 8);
const env: NodeJS.ProcessEnv = {
  PG_HOST: process.env['PG_HOST'] ?? '127.0.0.1',
  PG_PORT: process.env['PG_PORT'] ?? '55432',
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:59092',
  TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:57233',
  TEMPORAL_NAMESPACE: process.env['BENCH_TEMPORAL_NAMESPACE'] ?? 'reintegra-test',
};
const TASK_QUEUE = `bench-paths-${run}`;
const CONSUMER_GROUP = 'orchestrator-bench';
const HTTP_PORT = 3299;
const paths = Number(process.env['BENCH_PATHS'] ?? 500);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const openPathTargets = (process.env['BENCH_OPEN_PATHS'] ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

const orchestratorEnv = {
  ...env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HTTP_PORT: String(HTTP_PORT),
  DATABASE_URL: testDatabaseUrl('orchestrator', 'app', env),
  DATABASE_MIGRATION_URL: testDatabaseUrl('orchestrator', 'migrator', env),
  TEMPORAL_TASK_QUEUE: TASK_QUEUE,
  KAFKA_CONSUMER_GROUP: CONSUMER_GROUP,
};

function pathInput(): ReintegrationPathInput {
  return {
    caseId: randomUUID(),
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    minor: false,
    openedAt: new Date().toISOString(),
    openedByEventId: randomUUID(),
  };
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function startOrchestrator(): Promise<ChildProcess> {
  const main = join(root, 'dist/apps/orchestrator/main.js');
  const migrate = spawnSync(process.execPath, [join(root, 'dist/apps/orchestrator/migrate.js')], {
    env: { ...process.env, ...orchestratorEnv },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}${migrate.stdout}`);
  mkdirSync(join(root, 'artifacts/bench'), { recursive: true });
  const log = createWriteStream(join(root, 'artifacts/bench/orchestrator.log'));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...orchestratorEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`orchestrator exited ${child.exitCode}`);
      const response = await fetch(`http://127.0.0.1:${HTTP_PORT}/health`);
      if (response.status !== 200) throw new Error(`health ${response.status}`);
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  );
  return child;
}

async function main(): Promise<void> {
  const kafka = new Kafka({
    brokers: (env['KAFKA_BROKERS'] ?? '').split(','),
    clientId: 'bench',
    logLevel: logLevel.NOTHING,
  });
  // The bridge's consumer group starts at the end of its topics: earlier runs' and tests' events
  // are not part of this measurement.
  const admin = kafka.admin();
  await admin.connect();
  for (const topic of [TOPICS.intakeReturnees, TOPICS.intakeReferrals, TOPICS.referralStatus]) {
    await admin.resetOffsets({ groupId: CONSUMER_GROUP, topic, earliest: false }).catch(() => {
      // A group that never consumed has nothing to reset: it is created at the latest offsets
      // below, when the producer has sent nothing yet.
    });
  }
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const connection = await Connection.connect({ address: env['TEMPORAL_ADDRESS'] });
  const client = new Client({ connection, namespace: env['TEMPORAL_NAMESPACE'] });
  const orchestrator = await startOrchestrator();
  const opened: string[] = [];
  try {
    // Warm-up: the bridge's consumer joins its group; one event must make it through.
    const warm = pathInput();
    await publish(producer, warm);
    await eventually(
      () => client.workflow.getHandle(reintegrationPathWorkflowId(warm.caseId)).describe(),
      {
        timeoutMs: 60_000,
        intervalMs: 200,
      },
    );
    opened.push(reintegrationPathWorkflowId(warm.caseId));

    const baseline = await measure(
      {
        name: 'bare client.workflow.start',
        async run() {
          const input = pathInput();
          const workflowId = reintegrationPathWorkflowId(input.caseId);
          opened.push(workflowId);
          await client.workflow.start(REINTEGRATION_PATH_WORKFLOW_TYPE, {
            workflowId,
            taskQueue: TASK_QUEUE,
            args: [input],
          });
        },
      },
      { operations: paths, concurrency, warmup: 20 },
    );

    const bridged = await throughBridge(producer, client, opened);
    report(`reintegration path starts (${paths} paths, same worker, same run)`, baseline, [
      bridged,
    ]);

    console.log('\n== orchestrator memory (RSS of the process: bridge + worker) with open paths');
    console.log(
      `open paths ${String(opened.length).padStart(6)}: ${rssMiB(orchestrator.pid ?? 0).toFixed(0)} MiB`,
    );
    for (const target of openPathTargets) {
      await fill(client, opened, target);
      // Let the worker run every new path's first task (and cache it) before reading memory.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      console.log(
        `open paths ${String(opened.length).padStart(6)}: ${rssMiB(orchestrator.pid ?? 0).toFixed(0)} MiB`,
      );
    }
  } finally {
    orchestrator.kill('SIGTERM');
    await terminateAll(client, opened);
    await Promise.allSettled([producer.disconnect(), admin.disconnect(), connection.close()]);
  }
}

function publish(producer: ReturnType<Kafka['producer']>, input: ReintegrationPathInput) {
  const event = createEvent(returneeRegisteredV1, {
    subject: input.caseId,
    source: '/reintegra/intake',
    actor: 'system:bench',
    correlationId: input.caseId,
    data: {
      caseId: input.caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode: input.municipalityCode,
      returnDate: '2026-11-20',
      countryReturnedFrom: 'US',
      minor: input.minor,
      registeredAt: input.openedAt,
    },
  });
  return producer.send({
    topic: TOPICS.intakeReturnees,
    messages: [
      {
        key: input.caseId,
        value: JSON.stringify(event),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
}

/**
 * Open loop: every event is published as fast as Kafka takes it; latency of each path is the
 * workflow's start time (from Temporal) minus the moment its event was sent.
 */
async function throughBridge(
  producer: ReturnType<Kafka['producer']>,
  client: Client,
  opened: string[],
): Promise<Result> {
  const sent = new Map<string, number>();
  const t0 = performance.now();
  const wall0 = Date.now();
  for (let i = 0; i < paths; i += 1) {
    const input = pathInput();
    sent.set(reintegrationPathWorkflowId(input.caseId), Date.now());
    await publish(producer, input);
  }
  const latencies: number[] = [];
  let errors = 0;
  let lastStart = wall0;
  const ids = [...sent.keys()];
  opened.push(...ids);
  for (let i = 0; i < ids.length; i += 32) {
    await Promise.all(
      ids.slice(i, i + 32).map(async (workflowId) => {
        try {
          const description = await eventually(
            () => client.workflow.getHandle(workflowId).describe(),
            {
              timeoutMs: 300_000,
              intervalMs: 250,
            },
          );
          const started = description.startTime.getTime();
          lastStart = Math.max(lastStart, started);
          latencies.push(started - (sent.get(workflowId) ?? started));
        } catch {
          errors += 1;
        }
      }),
    );
  }
  const seconds = Math.max((lastStart - wall0) / 1000, (performance.now() - t0) / 1000 / 1e6);
  const sorted = latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return {
    name: 'event → bridge → workflow',
    operations: paths,
    errors,
    seconds,
    throughput: latencies.length / seconds,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: sorted.at(-1) ?? NaN,
  };
}

/** Opens paths with the bare client until `target` are open on the benchmark's task queue. */
async function fill(client: Client, opened: string[], target: number): Promise<void> {
  const missing = Math.max(0, target - opened.length);
  let next = 0;
  const lane = async () => {
    while (next < missing) {
      next += 1;
      const input = pathInput();
      const workflowId = reintegrationPathWorkflowId(input.caseId);
      opened.push(workflowId);
      await client.workflow.start(REINTEGRATION_PATH_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: TASK_QUEUE,
        args: [input],
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
}

/** Benchmarks leave nothing running: every path opened here is terminated. */
async function terminateAll(client: Client, workflowIds: readonly string[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < workflowIds.length) {
      const workflowId = workflowIds[next];
      next += 1;
      if (workflowId)
        await client.workflow
          .getHandle(workflowId)
          .terminate('benchmark done')
          .catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
  console.log(`\n[bench] terminated ${workflowIds.length} benchmark paths`);
}

export const reintegrationPathBenchmark: Benchmark = {
  name: 'reintegration-path',
  description:
    'returnee.registered → bridge → workflow vs a bare Temporal start loop; worker memory with open paths',
  main,
};
