import { Client, Connection } from '@temporalio/client';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@reintegra/event-contracts';
import { eventually, startGroupAtEnd } from '@reintegra/testing';
import { pathStateQuery, reintegrationPathWorkflowId } from '@reintegra/workflow-contracts';
import { type Benchmark, measure, recordFigure, report, type Result } from './harness';
import { cpuProfileEnv, cpuSplitOf, printCpuSplit, stackGroups } from './process-cpu';
import {
  concurrency,
  CONSUMER_GROUP,
  env,
  fill,
  HTTP_PORT,
  memoryFigures,
  openPathTargets,
  orchestratorEnv,
  pathInput,
  paths,
  type Producer,
  profiles,
  publish,
  root,
  startBare,
  terminateBenchmarkPaths,
  TASK_QUEUE,
  workflowBacklog,
} from './reintegration-path.parts';
import { noInheritedTraceExport, scrapeMetrics, traceSink } from './observability-cost';

/**
 * The reintegration path's front door, measured end to end: returnee.registered on Kafka → the
 * orchestrator's bridge (contract check, inbox row, signal-with-start) → a running workflow, beside
 * a bare Temporal client start loop on the same task queue, worker and run. Then the worker's
 * memory (resident set of the orchestrator process) with 1,000 and 10,000 open paths and the cost
 * of an eviction (a query answered from the cache vs one that replays the path's history). Then
 * the bridge again, in the same run: with observability off and on in alternating rounds (spans
 * exported over OTLP/HTTP to a sink in this process, /metrics scraped each second), and with one
 * event per partition at a time (CONSUMER_CONCURRENCY=1, the bridge as it was).
 *
 * Needs the local stack and the orchestrator's build with its workflow bundle
 * (`npx nx run orchestrator:bundle-workflows`). Uses the test database and the reintegra-test
 * namespace, a task queue and consumer-group offsets of its own (reset to the end of the topics at
 * start: earlier runs' and tests' events are not measured), and terminates every path it opened.
 * Knobs: BENCH_PATHS (events per run, default 500), BENCH_CONCURRENCY (bare client starts in
 * flight, default 16), BENCH_OPEN_PATHS (default "1000,10000"), BENCH_PROFILES (default
 * "traced,sequential"; empty: only the default bridge), BENCH_CPU_PROF (a directory: V8 CPU profiles
 * of the orchestrator).
 */
async function startOrchestrator(extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const main = join(root, 'dist/apps/orchestrator/main.js');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...orchestratorEnv,
    // BENCH_CPU_PROF=<dir>: each orchestrator started writes a V8 CPU profile there when it stops.
    ...cpuProfileEnv(root),
    ...extraEnv,
  };
  const migrate = spawnSync(process.execPath, [join(root, 'dist/apps/orchestrator/migrate.js')], {
    env: { ...process.env, ...orchestratorEnv },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}${migrate.stdout}`);
  mkdirSync(join(root, 'artifacts/bench'), { recursive: true });
  const log = createWriteStream(join(root, 'artifacts/bench/orchestrator.log'), { flags: 'a' });
  const child = spawn(process.execPath, [main], {
    env: childEnv,
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

/** Stops the orchestrator and waits for it to leave (its consumer group membership with it). */
async function stopOrchestrator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Warm-up: the bridge's consumer joins its group; one event must make it through. */
async function warmUp(producer: Producer, client: Client, opened: string[]): Promise<void> {
  const warm = pathInput();
  opened.push(reintegrationPathWorkflowId(warm.caseId));
  await publish(producer, warm);
  await eventually(
    () => client.workflow.getHandle(reintegrationPathWorkflowId(warm.caseId)).describe(),
    { timeoutMs: 120_000, intervalMs: 200 },
  );
}

async function main(): Promise<void> {
  noInheritedTraceExport(); // tracing only where a run asks for it
  const kafkaBrokers = (env['KAFKA_BROKERS'] ?? '').split(',');
  const kafka = new Kafka({ brokers: kafkaBrokers, clientId: 'bench', logLevel: logLevel.NOTHING });
  // The bridge's group starts at the topics' current end (explicit offsets): earlier runs' and
  // tests' events are not part of this measurement.
  await startGroupAtEnd(kafkaBrokers, CONSUMER_GROUP, [
    TOPICS.intakeReturnees,
    TOPICS.intakeReferrals,
    TOPICS.referralStatus,
    TOPICS.intakeConsents,
  ]);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const connection = await Connection.connect({ address: env['TEMPORAL_ADDRESS'] });
  const client = new Client({ connection, namespace: env['TEMPORAL_NAMESPACE'] });
  await terminateBenchmarkPaths(client, '*');
  let orchestrator = await startOrchestrator();
  const sink = await traceSink();
  const opened: string[] = [];
  try {
    await warmUp(producer, client, opened);
    // Each measured until the worker's queue is empty, so that the CPU split (where each path's
    // time went, per process) covers the first workflow tasks too.
    const groups = stackGroups({ orchestrator: orchestrator.pid });
    const bare = await cpuSplitOf(async () => {
      const result = await measure(
        {
          name: 'bare client.workflow.start',
          run: () => startBare(client, opened),
        },
        { operations: paths, concurrency, warmup: 20 },
      );
      await workflowBacklog(client, 120_000);
      return result;
    }, groups);
    const baseline = bare.result;
    const bridge = await cpuSplitOf(async () => {
      const result = await throughBridge(producer, client, opened, 'event → bridge → workflow');
      await workflowBacklog(client, 120_000);
      return result;
    }, groups);
    const bridged = bridge.result;
    printCpuSplit(
      `CPU per path by process (${paths} each, until the worker's queue is empty; the bridge's Temporal share includes the benchmark's describe polling)`,
      [bare, bridge],
    );
    for (const [key, split] of [
      ['bareStartCpuMs', bare],
      ['bridgeCpuMs', bridge],
    ] as const) {
      for (const [group, ms] of split.msPerOperation) {
        if (ms >= 0.05) recordFigure(`${key}.${group}`, ms);
      }
    }

    // Latency at a load the pipeline sustains: the bare loop's rate (80 % of it), not a burst.
    const rate = Math.max(1, Math.floor(baseline.throughput * 0.8));
    const paced = await throughBridge(producer, client, opened, `same, paced ${rate}/s`, rate);
    report(`reintegration path starts (${paths} paths, same worker, same run)`, baseline, [
      bridged,
      paced,
    ]);
    recordFigure('bridgeToBareThroughputRatio', bridged.throughput / baseline.throughput);
    recordFigure('bridgePacedP99Ratio', paced.p99Ms / baseline.p99Ms);
    // The burst's latency is mostly time in the queue (all its events are there at once), which a
    // closed loop's never is: its like-for-like baseline is the engine given the same burst, every
    // start asked for at the same moment.
    const bareBurst = await measure(
      { name: `bare start, ${paths} asked at once`, run: () => startBare(client, opened) },
      { operations: paths, concurrency: paths },
    );
    await workflowBacklog(client, 120_000);
    report(`a burst of ${paths} at once: the engine alone, then through the bridge`, bareBurst, [
      bridged,
    ]);
    recordFigure('bridgeBurstP99Ratio', bridged.p99Ms / bareBurst.p99Ms);

    for (const profile of profiles) {
      if (profile === 'traced') {
        orchestrator = await observabilityCost(producer, client, opened, orchestrator, sink.url);
        console.log(`[bench] trace exports received by the sink: ${sink.exports()}`);
      } else if (profile === 'sequential') {
        await stopOrchestrator(orchestrator);
        orchestrator = await startOrchestrator({ CONSUMER_CONCURRENCY: '1' });
        await warmUp(producer, client, opened);
        const sequential = await throughBridge(producer, client, opened, 'same, 1 event/partition');
        report('the bridge against itself: one event per partition at a time', bridged, [
          sequential,
        ]);
        await stopOrchestrator(orchestrator);
        orchestrator = await startOrchestrator();
      } else {
        console.log(`[bench] unknown profile ${profile}: skipped`);
      }
    }

    await memoryWithOpenPaths(client, opened, orchestrator.pid ?? 0);
  } finally {
    await stopOrchestrator(orchestrator);
    sink.close();
    await terminateBenchmarkPaths(client, TASK_QUEUE);
    await Promise.allSettled([producer.disconnect(), connection.close()]);
  }
}

/**
 * Issue 19: the bridge with observability off (as the other runs) and on (every span exported
 * over OTLP, GET /metrics scraped each second), in alternating rounds — off, on, on, off — each
 * on a freshly started orchestrator, so that drift falls on both alike. Returns the orchestrator
 * left running (observability off).
 */
async function observabilityCost(
  producer: Producer,
  client: Client,
  opened: string[],
  running: ChildProcess,
  sinkUrl: string,
): Promise<ChildProcess> {
  let orchestrator = running;
  const rounds: Result[] = [];
  for (const observed of [false, true, true, false]) {
    await stopOrchestrator(orchestrator);
    orchestrator = await startOrchestrator(
      observed ? { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl } : {},
    );
    await warmUp(producer, client, opened);
    const scraper = observed ? scrapeMetrics(`http://127.0.0.1:${HTTP_PORT}/metrics`) : undefined;
    const name = observed ? 'traced + scraped each 1 s' : 'observability off';
    rounds.push(await throughBridge(producer, client, opened, `${name} (${rounds.length + 1})`));
    await scraper?.stop();
  }
  const [off1, on1, on2, off2] = rounds;
  if (!off1 || !on1 || !on2 || !off2) throw new Error('observability rounds missing');
  report("the bridge's observability cost (alternating rounds)", off1, [on1, on2, off2]);
  const rate = (a: Result, b: Result) => (a.throughput + b.throughput) / 2;
  recordFigure('observabilityThroughputRatio', rate(on1, on2) / rate(off1, off2));
  recordFigure(
    'observabilityP99Ratio',
    Math.max(on1.p99Ms, on2.p99Ms) / Math.max(off1.p99Ms, off2.p99Ms),
  );
  return orchestrator;
}

/**
 * Worker memory as open paths grow (each path's first task run and cached, up to the cache's
 * bound), then what eviction costs: the same query answered for the newest paths (in the cache)
 * and for the oldest (evicted: the worker replays each one's history first).
 */
async function memoryWithOpenPaths(client: Client, opened: string[], pid: number): Promise<void> {
  console.log(
    `\n== orchestrator memory (RSS of the process: bridge + worker), WORKFLOW_CACHE_SIZE ${process.env['WORKFLOW_CACHE_SIZE'] ?? 'default'}`,
  );
  console.log(`open paths ${String(opened.length).padStart(6)}: ${await memoryFigures(pid)}`);
  for (const target of openPathTargets) {
    const before = opened.length;
    await fill(client, opened, target);
    // Let the worker run every new path's first task (and cache it) before reading memory: at
    // least 3 min, and 25 ms a new path (40 first tasks a second: the worker's pace here with
    // other work beside it; alone it runs about 90).
    const backlog = await workflowBacklog(client, Math.max(180_000, (target - before) * 25));
    console.log(`[bench] workflow tasks still queued: ${backlog}`);
    console.log(`open paths ${String(opened.length).padStart(6)}: ${await memoryFigures(pid)}`);
  }
  const sample = 20;
  const newest = opened.slice(-sample);
  const oldest = opened.slice(0, sample);
  const query = (ids: string[], name: string) =>
    measure(
      {
        name,
        async run(index) {
          await client.workflow.getHandle(ids[index % ids.length] ?? '').query(pathStateQuery);
        },
      },
      { operations: ids.length, concurrency: 4 },
    );
  // Newest first, twice: the first pass puts any of them not yet cached into the cache.
  await query(newest, 'warm');
  const cached = await query(newest, `query, cached path (newest ${sample})`);
  const evicted = await query(oldest, `query, evicted path (oldest ${sample})`);
  report(`eviction cost with ${opened.length} open paths: replay on the next task`, cached, [
    evicted,
  ]);
  console.log(`after the replays: ${await memoryFigures(pid)}`);
}

/**
 * Open loop: every event is published as fast as Kafka takes it (a burst: throughput is the rate the
 * bridge drains it, latency mostly time in the queue), or at a fixed rate (latency of the pipeline
 * at a sustainable load); latency of each path is the workflow's start time (from Temporal) minus
 * the moment its event was sent.
 */
async function throughBridge(
  producer: Producer,
  client: Client,
  opened: string[],
  name: string,
  ratePerSecond?: number,
): Promise<Result> {
  const sent = new Map<string, number>();
  const t0 = performance.now();
  const wall0 = Date.now();
  for (let i = 0; i < paths; i += 1) {
    if (ratePerSecond) {
      const wait = t0 + (i * 1000) / ratePerSecond - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
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
    name,
    operations: paths,
    errors,
    seconds,
    throughput: latencies.length / seconds,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: sorted.at(-1) ?? NaN,
  };
}

export const reintegrationPathBenchmark: Benchmark = {
  name: 'reintegration-path',
  description:
    'returnee.registered → bridge → workflow vs a bare Temporal start loop; worker memory with open paths',
  main,
};
