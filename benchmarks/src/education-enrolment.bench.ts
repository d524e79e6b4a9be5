import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair } from 'jose';
import { Pool } from 'pg';
import { eventually, findWorkspaceRoot, testAuthEnvironment, testToken } from '@reintegra/testing';
import { type Benchmark, measure, report, type Result } from './harness';

/**
 * Education enrolment under contention: REQUESTS simultaneous enrolment requests for one cohort
 * of SEATS seats, RUNS times, against the built service as its own process (real HTTP, token
 * checks, PostgreSQL). Each run must end with exactly SEATS enrolled and the rest waitlisted in
 * order; over-bookings are counted, never asserted. Baseline: the same number of simultaneous
 * plain inserts through the same service without seat control (PUT /learners: one row per
 * request, no shared row), so the ratio is the cost of serialising on the cohort row lock.
 *
 * Options (env): EDU_BENCH_RUNS (100), EDU_BENCH_REQUESTS (200), EDU_BENCH_SEATS (20),
 * EDU_BENCH_POOL_SIZE (10, the service default), EDU_BENCH_PORT (3194),
 * EDU_BENCH_DATABASE (education_enrolment_test). E.g.
 * `EDU_BENCH_RUNS=10 npm run bench -- education-enrolment`.
 */
const option = (name: string, fallback: number): number => {
  const raw = process.env[`EDU_BENCH_${name.toUpperCase()}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`EDU_BENCH_${name.toUpperCase()} must be a positive integer`);
  }
  return value;
};

const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const pgHost = process.env['PG_HOST'] ?? '127.0.0.1';
const pgPort = process.env['PG_PORT'] ?? '55432';
const kafkaBrokers =
  process.env['KAFKA_BROKERS'] ?? `127.0.0.1:${process.env['KAFKA_PORT'] ?? '59092'}`;
const dbUrl = (database: string, role: 'app' | 'migrator') =>
  `postgres://education_enrolment_${role}:education_enrolment_${role}_pw@${pgHost}:${pgPort}/${database}`;

function runNode(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}:\n${output}`)),
    );
  });
}

/** Signing key for this run only: the service verifies with its public half. */
async function benchIdentity(): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const header = { alg: 'ES256', use: 'sig', kid: `bench-${Date.now().toString(36)}` };
  process.env['AUTH_JWKS'] = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), ...header }],
  });
  process.env['TEST_AUTH_PRIVATE_JWK'] = JSON.stringify({
    ...(await exportJWK(privateKey)),
    ...header,
  });
  return testAuthEnvironment();
}

/** Same definition as the harness's (nearest rank). */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** Totals over every run, in the harness's Result shape so `report` can compare them. */
class Totals {
  readonly latencies: number[] = [];
  seconds = 0;
  errors = 0;
  operations = 0;

  constructor(readonly name: string) {}

  add(result: Result): void {
    this.seconds += result.seconds;
    this.errors += result.errors;
    this.operations += result.operations;
  }

  result(): Result {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      name: this.name,
      operations: this.operations,
      errors: this.errors,
      seconds: this.seconds,
      throughput: (this.operations - this.errors) / this.seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.at(-1) ?? Number.NaN,
    };
  }
}

async function main(): Promise<void> {
  const runs = option('runs', 100);
  const requests = option('requests', 200);
  const seats = option('seats', 20);
  const poolSize = option('pool_size', 10);
  const port = option('port', 3194);
  const database = process.env['EDU_BENCH_DATABASE'] ?? 'education_enrolment_test';
  const root = findWorkspaceRoot();
  const dist = join(root, 'dist/apps/education-enrolment');
  if (!existsSync(join(dist, 'main.js'))) {
    throw new Error('Build the service first: npx nx run education-enrolment:build');
  }
  console.log(
    `[bench] ${runs} runs × ${requests} simultaneous requests for ${seats} seats; pool ${poolSize}; database ${database}`,
  );

  await runNode(join(dist, 'migrate.js'), {
    NODE_ENV: 'test',
    DATABASE_MIGRATION_URL: dbUrl(database, 'migrator'),
  });
  const identity = await benchIdentity();
  const service: ChildProcess = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      ...process.env,
      ...identity,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      HTTP_PORT: String(port),
      DATABASE_URL: dbUrl(database, 'app'),
      DATABASE_POOL_SIZE: String(poolSize),
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_CONSUMER_GROUP: 'education-enrolment-bench',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Never leave the service running, even when this process dies abruptly.
  process.once('exit', () => service.kill('SIGTERM'));
  const db = new Pool({ connectionString: dbUrl(database, 'app'), max: 2 });
  // An idle connection dropped by the server (e.g. a stack restart) is an error of the next
  // query, not a crash of the benchmark.
  db.on('error', (error) => console.error(`[bench] database connection lost: ${error.message}`));
  try {
    await eventually(
      async () => {
        if (service.exitCode !== null) throw new Error(`service exited ${service.exitCode}`);
        const health = await fetch(`${url}/health`);
        if (health.status !== 200) throw new Error(`health ${health.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    const providerId = `bench-${randomUUID().slice(0, 8)}`;
    const token = await testToken({
      roles: ['education-caseworker'],
      organisationId: providerId,
      municipalityCode: MUNICIPALITY,
    });
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    await call('POST', '/providers', {
      id: providerId,
      name: 'Benchmark school',
      kind: 'school',
      municipalityCode: MUNICIPALITY,
    });
    const programme = await call('POST', '/programmes', {
      providerId,
      name: 'Benchmark programme',
      level: 'secondary',
      modality: 'weekend',
      eligibility: { minAge: 15, minLastGrade: 0 },
    });
    const today = new Date().toISOString().slice(0, 10);
    const endsOn = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);

    const baseline = new Totals(`${requests} plain inserts (PUT /learners)`);
    const candidate = new Totals(`${requests} enrolments, ${seats} seats`);
    let overBooked = 0;
    let wrongOutcome = 0;
    let orderViolations = 0;
    for (let run = 1; run <= runs; run += 1) {
      const cohort = await call('POST', '/cohorts', {
        programmeId: programme['id'],
        name: `Bench run ${run}`,
        seats,
        schedule: 'sábados',
        municipalityCode: MUNICIPALITY,
        startsOn: today,
        endsOn,
      });
      const cases = Array.from({ length: requests }, () => randomUUID());
      // A case exists in this service only through an education referral addressed to the caller's
      // organisation (canReachCase): each gets one, as the referral consumer would have stored it,
      // already accepted so that the learner profile does not route it into a cohort itself.
      await db.query(
        `INSERT INTO referrals (id, case_id, provider_ids, priority, status, provider_id)
         SELECT gen_random_uuid(), c, ARRAY[$2::text], 'normal', 'accepted', $2
           FROM unnest($1::uuid[]) AS c`,
        [cases, providerId],
      );

      const timed = (totals: Totals, op: (index: number) => Promise<unknown>) => ({
        name: totals.name,
        run: async (index: number) => {
          const t0 = performance.now();
          await op(index);
          totals.latencies.push(performance.now() - t0);
        },
      });
      const inserts = await measure(
        timed(baseline, (i) =>
          call('PUT', `/learners/${cases[i]}`, {
            dateOfBirth: '1995-04-02',
            lastGradeCompleted: 9,
            documents: [],
          }),
        ),
        { operations: requests, concurrency: requests },
      );
      baseline.add(inserts);

      const outcomes = { enrolled: 0, waitlisted: 0, other: 0 };
      const enrolments = await measure(
        timed(candidate, async (i) => {
          const outcome = await call('POST', `/cohorts/${String(cohort['id'])}/enrolments`, {
            caseId: cases[i],
          });
          const status = outcome['status'];
          if (status === 'enrolled' || status === 'waitlisted') outcomes[status] += 1;
          else outcomes.other += 1;
        }),
        { operations: requests, concurrency: requests },
      );
      candidate.add(enrolments);

      // The database is the judge: seats held, and waitlist positions in the order decided.
      const [check] = (
        await db.query(
          `SELECT c.seats_taken AS taken,
                  count(*) FILTER (WHERE e.status = 'enrolled')::int AS enrolled,
                  count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
                  coalesce(array_agg(e.waitlist_position::int ORDER BY e.requested_at, e.waitlist_position)
                           FILTER (WHERE e.status = 'waitlisted'), '{}') AS positions,
                  max(e.requested_at) FILTER (WHERE e.status = 'enrolled')
                    <= coalesce(min(e.requested_at) FILTER (WHERE e.status = 'waitlisted'), 'infinity')
                    AS seats_first
             FROM cohorts c LEFT JOIN enrolments e ON e.cohort_id = c.id
            WHERE c.id = $1 GROUP BY c.seats_taken`,
          [cohort['id']],
        )
      ).rows as {
        taken: number;
        enrolled: number;
        waitlisted: number;
        positions: number[];
        seats_first: boolean;
      }[];
      const expectedWaitlist = Math.max(0, requests - seats);
      const inOrder =
        check !== undefined &&
        check.seats_first &&
        check.positions.every((position, index) => position === index + 1);
      if (!check || check.enrolled > seats || check.taken > seats) overBooked += 1;
      if (
        !check ||
        check.enrolled !== Math.min(seats, requests) ||
        check.waitlisted !== expectedWaitlist ||
        enrolments.errors > 0
      )
        wrongOutcome += 1;
      if (!inOrder) orderViolations += 1;
      console.log(
        `run ${String(run).padStart(3)}: ${enrolments.seconds.toFixed(3)} s ` +
          `(plain inserts ${inserts.seconds.toFixed(3)} s) · responses enrolled ${outcomes.enrolled}, ` +
          `waitlisted ${outcomes.waitlisted}, errors ${enrolments.errors + outcomes.other} · ` +
          `database enrolled ${check?.enrolled}, waitlisted ${check?.waitlisted}, seats taken ${check?.taken}/${seats}` +
          `${inOrder ? ', waitlist in order' : ', WAITLIST OUT OF ORDER'}`,
      );
    }
    const c = candidate.result();
    const b = baseline.result();
    console.log(
      `\n[bench] overall: ${runs} runs, ${c.operations} enrolment requests in ${c.seconds.toFixed(2)} s ` +
        `(mean ${(c.seconds / runs).toFixed(3)} s per run of ${requests}); ` +
        `over-booked runs: ${overBooked}; runs with a wrong outcome: ${wrongOutcome}; ` +
        `runs with the waitlist out of order: ${orderViolations}`,
    );
    report(
      `education enrolment: ${requests} simultaneous requests per run, ${runs} runs (latency per request)`,
      b,
      [c],
    );
  } finally {
    await db.end();
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
  }
}

export const educationEnrolmentBenchmark: Benchmark = {
  name: 'education-enrolment',
  description:
    '200 simultaneous enrolment requests for a 20-seat cohort, 100 runs: no over-booking, waitlist in order',
  main,
};
