// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each needs the local
// stack (npm run stack:start) and, where it drives services, their build (npx nx run-many -t build).
import { communityInclusionBenchmark } from './community-inclusion.bench';
import { directoryRoutingBenchmark } from './directory-routing.bench';
import { educationEnrolmentBenchmark } from './education-enrolment.bench';
import { employmentMatchingBenchmark } from './employment-matching.bench';
import type { Benchmark } from './harness';
import { intakeRegistrationBenchmark } from './intake-registration.bench';
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
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
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
  for (const benchmark of benchmarks.filter(
    (b) => wanted.length === 0 || wanted.includes(b.name),
  )) {
    console.log(`\n[bench] ${benchmark.name}: ${benchmark.description}`);
    await benchmark.main();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
