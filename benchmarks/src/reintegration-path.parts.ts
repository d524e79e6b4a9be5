import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { findWorkspaceRoot, testDatabaseUrl } from '@reintegra/testing';
import {
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
  type ReintegrationPathInput,
} from '@reintegra/workflow-contracts';

// The reintegration-path benchmark's settings, its event and its Temporal and /proc helpers (knobs: see
// reintegration-path.bench.ts).
export const root = findWorkspaceRoot();
const run = randomUUID().slice(0, 8);
export const env: NodeJS.ProcessEnv = {
  PG_HOST: process.env['PG_HOST'] ?? '127.0.0.1',
  PG_PORT: process.env['PG_PORT'] ?? '55432',
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:59092',
  TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:57233',
  TEMPORAL_NAMESPACE: process.env['BENCH_TEMPORAL_NAMESPACE'] ?? 'reintegra-test',
};
export const TASK_QUEUE = `bench-paths-${run}`;
export const CONSUMER_GROUP = 'orchestrator-bench';
export const HTTP_PORT = 3299;
export const paths = Number(process.env['BENCH_PATHS'] ?? 500);
export const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
export const openPathTargets = (process.env['BENCH_OPEN_PATHS'] ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
export const profiles = (process.env['BENCH_PROFILES'] ?? 'traced,sequential')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);

export const orchestratorEnv = {
  ...env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HTTP_PORT: String(HTTP_PORT),
  DATABASE_URL: testDatabaseUrl('orchestrator', 'app', env),
  DATABASE_MIGRATION_URL: testDatabaseUrl('orchestrator', 'migrator', env),
  TEMPORAL_TASK_QUEUE: TASK_QUEUE,
  KAFKA_CONSUMER_GROUP: CONSUMER_GROUP,
  // The worker's own series (sticky cache size) in GET /metrics, read beside the RSS.
  TEMPORAL_METRICS_PORT: '39464',
};

export function pathInput(): ReintegrationPathInput {
  return {
    caseId: randomUUID(),
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    minor: false,
    openedAt: new Date().toISOString(),
    openedByEventId: randomUUID(),
  };
}

export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** RSS of the process, its main thread's V8 heap in use, and the paths in the worker's cache. */
export async function memoryFigures(pid: number): Promise<string> {
  const text = await fetch(`http://127.0.0.1:${HTTP_PORT}/metrics`)
    .then((response) => response.text())
    .catch(() => '');
  const sum = (metric: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(metric) && /^[\w]+(\{[^}]*\})? /.test(line))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
  const heap = sum('nodejs_heap_size_used_bytes') / 2 ** 20;
  const cached = sum('temporal_sticky_cache_size');
  return `RSS ${rssMiB(pid).toFixed(0)} MiB, main-thread heap used ${heap.toFixed(0)} MiB, paths in the worker's cache ${cached}`;
}

/** Waits (bounded) until the worker has taken the workflow tasks queued; returns what is left. */
export async function workflowBacklog(client: Client, timeoutMs: number): Promise<number | string> {
  const deadline = Date.now() + timeoutMs;
  let left: number | string = 'unknown';
  do {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    try {
      const answer = await client.workflowService.describeTaskQueue({
        namespace: env['TEMPORAL_NAMESPACE'],
        taskQueue: { name: TASK_QUEUE },
        taskQueueType: 1, // workflow tasks
        reportStats: true,
      });
      left = Number(answer.stats?.approximateBacklogCount ?? 0);
    } catch {
      return left; // a server without task-queue statistics: the 5 s pause is all
    }
  } while (left > 20 && Date.now() < deadline);
  return left;
}

/** One path started by the bare Temporal client (no event, no bridge). */
export async function startBare(client: Client, opened: string[]): Promise<void> {
  const input = pathInput();
  const workflowId = reintegrationPathWorkflowId(input.caseId);
  opened.push(workflowId);
  await client.workflow.start(REINTEGRATION_PATH_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: TASK_QUEUE,
    args: [input],
  });
}

/** Opens paths with the bare client until `target` are open on the benchmark's task queue. */
export async function fill(client: Client, opened: string[], target: number): Promise<void> {
  const missing = Math.max(0, target - opened.length);
  let next = 0;
  const lane = async () => {
    while (next < missing) {
      next += 1;
      await startBare(client, opened);
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
}

/**
 * Benchmarks leave nothing running: the paths open on benchmark task queues (this run's, and any an
 * interrupted earlier run left) are terminated by one batch operation of the Temporal server, which
 * works through them on its own; a client terminating thousands one by one took minutes.
 */
export async function terminateBenchmarkPaths(client: Client, taskQueue: string): Promise<void> {
  const query =
    taskQueue === '*'
      ? "TaskQueue STARTS_WITH 'bench-paths-' AND ExecutionStatus = 'Running'"
      : `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
  try {
    const { count } = await client.workflow.count(query);
    if (Number(count) === 0) return;
    await client.workflowService.startBatchOperation({
      namespace: env['TEMPORAL_NAMESPACE'],
      jobId: randomUUID(),
      reason: 'benchmark done',
      visibilityQuery: query,
      terminationOperation: {},
    });
    console.log(`[bench] terminating ${count} benchmark paths (${taskQueue}) in a batch`);
  } catch (error) {
    console.log(`[bench] could not terminate benchmark paths: ${(error as Error).message}`);
  }
}

export type Producer = ReturnType<Kafka['producer']>;

/** One `returnee.registered` for the path's case, as intake would publish it. */
export function publish(producer: Producer, input: ReintegrationPathInput) {
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
