import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
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
} from '@reintegra/testing';
import { type Benchmark, measure, report, type Result } from './harness';

const OPERATIONS = Number(process.env['BENCH_OPERATIONS'] ?? 1000);
const RATE = Number(process.env['BENCH_RATE'] ?? 100);
const CONCURRENCY = 32;
const WARMUP = 20;

const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';

function registration(index: number) {
  return {
    firstNames: `Bench ${index}`,
    lastNames: 'Rendimiento',
    dateOfBirth: '1991-01-01',
    gender: 'undisclosed',
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
    // Bench names are alike by design: the officer-confirmed path (no similarity review).
    confirmedNewPerson: true,
  };
}

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

/** An OTLP/HTTP receiver that accepts and drops every export: tracing's cost without a viewer's. */
async function otlpSink(): Promise<{ url: string; close: () => void }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/**
 * Issue 3's measure: registrations through the HTTP API at a fixed rate with the full path
 * (validation, database, outbox, relay to Kafka) against a bare INSERT of the same rows; then the
 * same requests to an intake that traces them (issue 19: spans exported over OTLP).
 */
export const intakeRegistrationBenchmark: Benchmark = {
  name: 'intake-registration',
  description: `POST /returnees at ${RATE}/s (HTTP + DB + outbox + Kafka) vs bare INSERT of the same rows`,
  async main() {
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
    const intake = new ServiceProcess('intake', 3301, env);
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
          name: 'POST /returnees (HTTP response)',
          run: async (index) => {
            const t0 = Date.now();
            const response = await fetch(`${intake.url}/returnees`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization },
              body: JSON.stringify(registration(index)),
            });
            if (response.status !== 201)
              throw new Error(`status ${response.status}: ${await response.text()}`);
            const { caseId } = (await response.json()) as { caseId: string };
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
      await intake.stop();

      // The same run, an intake with tracing on (HTTP, PostgreSQL and outbox spans, batch export).
      const sink = await otlpSink();
      const traced = new ServiceProcess('intake', 3301, {
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
      });
      await traced.start();
      try {
        const tracedHttp = await measure(
          {
            name: 'POST /returnees, tracing on',
            run: async (index) => {
              const response = await fetch(`${traced.url}/returnees`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization },
                body: JSON.stringify(registration(OPERATIONS + index)),
              });
              if (response.status !== 201)
                throw new Error(`status ${response.status}: ${await response.text()}`);
            },
          },
          { operations: OPERATIONS, concurrency: CONCURRENCY, ratePerSecond: RATE, warmup: WARMUP },
        );
        report('intake registration: tracing off vs on', http, [tracedHttp]);
      } finally {
        await traced.stop();
        sink.close();
      }
    } finally {
      await Promise.allSettled([intake.stop(), recorder.stop(), pool.end()]);
    }
  },
};
