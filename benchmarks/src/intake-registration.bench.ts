import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  runToCompletion,
  ServiceProcess,
  stackEnvironment,
  testDatabaseUrl,
  testIdentityEnvironment,
  testToken,
  TopicRecorder,
  useLocalStack,
  findWorkspaceRoot,
} from '@reintegra/testing';
import {
  type Benchmark,
  interleave,
  measure,
  recordFigure,
  report,
  type Result,
  saturate,
  type Workload,
} from './harness';
import {
  checkedRegistration,
  MUNICIPALITY,
  registration,
  registrationSqlAlone,
} from './intake-registration.parts';
import { noInheritedTraceExport, scrapeMetrics, traceSink } from './observability-cost';
import {
  cpuProfileEnv,
  cpuSplitOf,
  printCpuSplit,
  type ProcessGroups,
  stackGroups,
} from './process-cpu';

const OPERATIONS = Number(process.env['BENCH_OPERATIONS'] ?? 1000);
const RATE = Number(process.env['BENCH_RATE'] ?? 100);
const CONCURRENCY = 32;
const WARMUP = 20;
/** Clients at each saturation step (closed loop); `BENCH_LEVELS=1,2,4` to change. */
const LEVELS = (process.env['BENCH_LEVELS'] ?? '1,2,4,8,16,32').split(',').map(Number);

function latencyResult(
  name: string,
  latencies: number[],
  seconds: number,
  operations: number,
): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return {
    name,
    operations,
    errors: operations - latencies.length,
    seconds,
    throughput: latencies.length / seconds,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Issue 3's measure: registrations through the HTTP API at a fixed rate with the full path
 * (validation, duplicate check, database, outbox, relay to Kafka) against a bare INSERT of the same
 * rows; issue 21's: the ceilings of registration and of a trivial authenticated route, closed loop
 * at rising concurrency, and their ratio; then the same requests to an intake that traces them
 * with observability on and off in alternating rounds (issue 19; BENCH_TRACING=0 skips it).
 */
export const intakeRegistrationBenchmark: Benchmark = {
  name: 'intake-registration',
  description: `POST /returnees at ${RATE}/s (HTTP + duplicate check + DB + outbox + Kafka) vs bare INSERT; ceilings vs a trivial authenticated route`,
  async main() {
    noInheritedTraceExport();
    const stack = await useLocalStack();
    Object.assign(process.env, stackEnvironment(stack), await testIdentityEnvironment());
    const { kafkaBrokers, temporalAddress } = currentTestStack();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDatabaseUrl('intake', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('intake', 'migrator'),
      KAFKA_BROKERS: kafkaBrokers.join(','),
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'reintegra-test',
      OUTBOX_POLL_INTERVAL_MS: '20',
    };
    await runToCompletion('intake', 'migrate', env);
    // BENCH_CPU_PROF=<dir>: the intake writes a V8 CPU profile there when it stops.
    const profiling = cpuProfileEnv(findWorkspaceRoot());
    const intake = new ServiceProcess('intake', 3301, { ...env, ...profiling });
    const recorder = new TopicRecorder(kafkaBrokers, [TOPICS.intakeReturnees]);
    const pool = new Pool({ connectionString: env.DATABASE_URL, max: CONCURRENCY });
    await Promise.all([intake.start(), recorder.start()]);
    try {
      const authorization = await testToken({
        roles: ['intake-officer'],
        municipalityCode: MUNICIPALITY,
      });
      const startedAt = new Map<string, number>();

      const baseline = await measure(
        {
          name: 'bare INSERT (returnee + episode)',
          run: async (index) => {
            const client = await pool.connect();
            try {
              const returneeId = randomUUID();
              const row = registration(index);
              await client.query('BEGIN');
              await client.query(
                `INSERT INTO returnees (id, first_names, last_names, date_of_birth, gender) VALUES ($1, $2, $3, $4, $5)`,
                [returneeId, row.firstNames, row.lastNames, row.dateOfBirth, row.gender],
              );
              await client.query(
                `INSERT INTO return_episodes (id, returnee_id, episode_number, return_date, country_returned_from, reception_point, municipality_code, minor)
                 VALUES ($1, $2, 1, $3, $4, $5, $6, false)`,
                [
                  randomUUID(),
                  returneeId,
                  row.returnDate,
                  row.countryReturnedFrom,
                  row.receptionPoint,
                  row.municipalityCode,
                ],
              );
              await client.query('COMMIT');
            } finally {
              client.release();
            }
          },
        },
        { operations: OPERATIONS, concurrency: CONCURRENCY, ratePerSecond: RATE, warmup: WARMUP },
      );

      const measureStart = Date.now();
      const http = await measure(
        {
          name: 'POST /returnees, duplicate check',
          run: async (index) => {
            const t0 = Date.now();
            const caseId = await registerOne(intake, authorization);
            if (index >= WARMUP) startedAt.set(caseId, t0);
          },
        },
        { operations: OPERATIONS, concurrency: CONCURRENCY, ratePerSecond: RATE, warmup: WARMUP },
      );

      // Until every registered case's event reached Kafka (or 30 s passed).
      const deadline = Date.now() + 30_000;
      const published = () =>
        recorder.messages.filter((m) => m.key !== null && startedAt.has(m.key));
      while (published().length < startedAt.size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const eventLatencies = published().map(
        (m) => m.receivedAt - (startedAt.get(m.key ?? '') ?? m.receivedAt),
      );
      const lastArrival = Math.max(...published().map((m) => m.receivedAt));
      const eventPath = latencyResult(
        'request → event on Kafka',
        eventLatencies,
        (lastArrival - measureStart) / 1000,
        startedAt.size,
      );
      report(
        `intake registration, ${OPERATIONS} operations at ${RATE}/s, ${CONCURRENCY} in flight`,
        baseline,
        [http, eventPath],
      );

      // Saturation (issue 21, part 3): the service's ceiling on a trivial authenticated route
      // (GET /questionnaires: token verified, roles checked, no database) against registration's.
      const trivial: Workload = {
        name: 'GET /questionnaires (auth, no DB)',
        run: async () => {
          const response = await fetch(`${intake.url}/questionnaires`, {
            headers: { authorization },
          });
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          await response.arrayBuffer();
        },
      };
      const register = registrationAt(intake, 'POST /returnees, duplicate check', authorization);
      const engine = registrationSqlAlone(pool);
      console.log('[bench] saturation, closed loop, clients', LEVELS.join(', '));
      const [trivialCeiling, registerCeiling, engineCeiling] = await saturate(
        [trivial, register, engine],
        // A trivial request takes well under a millisecond: steps of at least 1,000 operations,
        // or its ceiling is a fraction of a second of noise.
        { levels: LEVELS, operationsPerClient: 100, minimumOperations: 1000 },
      );
      if (!trivialCeiling || !registerCeiling || !engineCeiling) throw new Error('no ceiling');
      const ceiling = (s: typeof trivialCeiling) => ({
        ...s.ceiling,
        name: `${s.name} ceiling (×${s.ceiling.concurrency})`,
      });
      report(
        'intake at saturation: maximum sustainable rate (closed loop, rising concurrency)',
        ceiling(trivialCeiling),
        [ceiling(registerCeiling), ceiling(engineCeiling)],
      );
      recordFigure('trivialCeilingPerSecond', trivialCeiling.ceiling.throughput);
      recordFigure('registrationCeilingPerSecond', registerCeiling.ceiling.throughput);
      recordFigure('registrationSqlAloneCeilingPerSecond', engineCeiling.ceiling.throughput);
      recordFigure(
        'registrationToTrivialRatio',
        registerCeiling.ceiling.throughput / trivialCeiling.ceiling.throughput,
      );
      recordFigure(
        'registrationToSqlAloneRatio',
        registerCeiling.ceiling.throughput / engineCeiling.ceiling.throughput,
      );
      recordFigure(`registrationP99MsAt${RATE}PerSecond`, http.p99Ms);
      await cpuSplit(
        { trivial, registration: register, registrationSqlAlone: engine },
        registerCeiling.ceiling.concurrency,
        stackGroups({ intake: intake.pid }),
      );
      await observabilityCost(env, intake, authorization, registerCeiling.ceiling.concurrency);
    } finally {
      await Promise.allSettled([intake.stop(), recorder.stop(), pool.end()]);
    }
  },
};

/**
 * Where the machine's CPU goes per operation (intake, PostgreSQL, Kafka, this client), each
 * workload closed loop at registration's ceiling concurrency: the profile behind the ceilings.
 * Figures `<key>CpuMs.<process>`.
 */
async function cpuSplit(
  workloads: Record<string, Workload>,
  concurrency: number,
  groups: ProcessGroups,
): Promise<void> {
  const operations = Math.max(400, concurrency * 50);
  const splits = [];
  for (const [key, workload] of Object.entries(workloads)) {
    const split = await cpuSplitOf(
      () => measure(workload, { operations, concurrency, warmup: 20 }),
      groups,
    );
    splits.push(split);
    for (const [group, ms] of split.msPerOperation) {
      if (ms >= 0.05) recordFigure(`${key}CpuMs.${group}`, ms);
    }
  }
  printCpuSplit(
    `CPU per operation by process (closed loop ×${concurrency}, ${operations} each)`,
    splits,
  );
}

/** One registration with the whole duplicate check (a new person: 201); returns its case id. */
async function registerOne(service: ServiceProcess, authorization: string): Promise<string> {
  const response = await fetch(`${service.url}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(checkedRegistration()),
  });
  if (response.status !== 201)
    throw new Error(`status ${response.status}: ${await response.text()}`);
  const { caseId } = (await response.json()) as { caseId: string };
  return caseId;
}

/** Closed-loop registration against one intake process. */
function registrationAt(service: ServiceProcess, name: string, authorization: string): Workload {
  return { name, run: () => registerOne(service, authorization).then(() => undefined) };
}

/**
 * Issue 19: the same registrations to the plain intake and to a second one that exports every
 * span over OTLP and is scraped each second, in alternating rounds — at the fixed rate (latency)
 * and closed loop at the registration ceiling's concurrency (throughput).
 */
async function observabilityCost(
  env: Record<string, string>,
  plain: ServiceProcess,
  authorization: string,
  concurrency: number,
): Promise<void> {
  if (process.env['BENCH_TRACING'] === '0') return;
  const sink = await traceSink();
  const observed = new ServiceProcess('intake', 3302, {
    ...env,
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
  });
  await observed.start();
  const scraper = scrapeMetrics(`${observed.url}/metrics`);
  const off = registrationAt(plain, 'POST /returnees, observability off', authorization);
  const on = registrationAt(observed, 'same, traced + scraped each 1 s', authorization);
  try {
    const rounds = Number(process.env['BENCH_OBSERVABILITY_ROUNDS'] ?? 6);
    const operations = Math.max(100, Math.round(OPERATIONS / 3));
    const [offPaced, onPaced] = await interleave(off, on, {
      rounds,
      operations,
      concurrency: CONCURRENCY,
      ratePerSecond: RATE,
      warmup: WARMUP,
    });
    report(
      `observability's cost at ${RATE}/s (${rounds} alternating rounds of ${operations})`,
      offPaced,
      [onPaced],
    );
    const [offLoop, onLoop] = await interleave(off, on, { rounds, operations, concurrency });
    report(
      `observability's cost at the ceiling (closed loop ×${concurrency}, ${rounds} alternating rounds)`,
      offLoop,
      [onLoop],
    );
    recordFigure('observabilityThroughputRatioAtCeiling', onLoop.throughput / offLoop.throughput);
    recordFigure('observabilityP99RatioAtRate', onPaced.p99Ms / offPaced.p99Ms);
    console.log(
      `[bench] trace exports received: ${sink.exports()}, metrics scrapes: ${await scraper.stop()}`,
    );
  } finally {
    await scraper.stop();
    await observed.stop();
    sink.close();
  }
}
