// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each needs the local
// stack (npm run stack:start) and, where it drives services, their build (npx nx run-many -t build).
import { communityInclusionBenchmark } from './community-inclusion.bench';
import { directoryRoutingBenchmark } from './directory-routing.bench';
import { educationEnrolmentBenchmark } from './education-enrolment.bench';
import { employmentMatchingBenchmark } from './employment-matching.bench';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type Benchmark, takeRecorded } from './harness';
import { intakeRegistrationBenchmark } from './intake-registration.bench';
import { nationalPeakBenchmark } from './national-peak.bench';
import { officerJourneyBenchmark } from './officer-journey.bench';
import { officeWebBenchmark } from './office-web.bench';
import { partnerWebhooksBenchmark } from './partner-webhooks.bench';
import { reintegrationPathBenchmark } from './reintegration-path.bench';
import { supervisorDashboardBenchmark } from './supervisor-dashboard.bench';

const benchmarks: Benchmark[] = [
  intakeRegistrationBenchmark,
  educationEnrolmentBenchmark,
  communityInclusionBenchmark,
  reintegrationPathBenchmark,
  supervisorDashboardBenchmark,
  partnerWebhooksBenchmark,
  employmentMatchingBenchmark,
  directoryRoutingBenchmark,
  officeWebBenchmark,
  officerJourneyBenchmark,
  nationalPeakBenchmark,
];

/** Each benchmark's printed tables and figures, as JSON (read by tools/scripts/bench-table.mjs). */
function writeSummary(
  benchmark: Benchmark,
  startedAt: Date,
  loadBefore: number[],
  recorded: ReturnType<typeof takeRecorded>,
): void {
  const dir = join(process.cwd(), 'artifacts/bench');
  mkdirSync(dir, { recursive: true });
  const summary = {
    name: benchmark.name,
    description: benchmark.description,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { nproc: cpus().length, loadBefore, loadAfter: loadavg() },
    ...recorded,
  };
  const file = join(dir, `${benchmark.name}.json`);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`[bench] summary written: ${file}`);
}

/**
 * Workloads every operation of which failed: their 0/s is no figure. Benchmarks never assert a
 * speed, but one that stopped measuring (the service changed under it) must not pass unnoticed.
 */
function measuredNothing(reports: ReturnType<typeof takeRecorded>['reports']): string[] {
  return reports
    .flatMap((entry) => [entry.baseline, ...entry.candidates])
    .filter((result) => result.operations > 0 && result.errors >= result.operations)
    .map((result) => result.name);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // `--table`: afterwards, rewrite README's performance table from artifacts/bench/*.json.
  const table = args.includes('--table');
  const wanted = args.filter((arg) => arg !== '--table');
  const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length > 0 || benchmarks.length === 0) {
    console.error(
      unknown.length > 0
        ? `Unknown benchmark(s): ${unknown.join(', ')}.`
        : 'No benchmarks registered.',
    );
    console.error(
      `Available: ${benchmarks.map((b) => `${b.name} (${b.description})`).join('; ') || 'none'}`,
    );
    process.exit(2);
  }
  const failed: string[] = [];
  for (const benchmark of benchmarks.filter(
    (b) => wanted.length === 0 || wanted.includes(b.name),
  )) {
    console.log(`\n[bench] ${benchmark.name}: ${benchmark.description}`);
    const startedAt = new Date();
    const loadBefore = loadavg();
    takeRecorded();
    await benchmark.main();
    const recorded = takeRecorded();
    const empty = new Set(measuredNothing(recorded.reports));
    // A run that measured nothing leaves the last good summary (and README row) in place.
    if (empty.size === 0) writeSummary(benchmark, startedAt, loadBefore, recorded);
    for (const name of empty) {
      console.error(
        `[bench] ${benchmark.name}: every operation of "${name}" failed (see its first error above)`,
      );
      failed.push(`${benchmark.name}: ${name}`);
    }
  }
  if (failed.length > 0) {
    throw new Error(
      `measured nothing in ${failed.join('; ')}; fix the benchmark against the service as it is now`,
    );
  }
  if (table) {
    const result = spawnSync(process.execPath, ['tools/scripts/bench-table.mjs'], {
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('bench-table failed');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
