import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referralWorkflowId, reintegrationPathWorkflowId } from '@reintegra/workflow-contracts';
import {
  bootReplica,
  clusterPrerequisitesCached,
  ClusterStack,
  countDeadLetters,
  expectEachRequestDoneOnce,
  LagSampler,
  loadPathServices,
  type LoadPerson,
  type LoadStep,
  runFlights,
  type ServiceProcess,
  testIdentityEnvironment,
  testToken,
} from '@reintegra/testing';

import { effectResult, startTimes, timesFromDatabase } from './effect-times';
import { type Benchmark, fromLatencies, measure, recordFigure, report } from './harness';

/**
 * Issue 18, part 4: the cluster profile at a national peak — a day with five flights of 120
 * returnees (El Salvador's busiest days), compressed in time. On a cluster of its own (three
 * Kafka brokers, the Temporal server's five processes, everything over TLS) with two replicas of
 * intake, the orchestrator, employment matching and the supervisors' read model, every person is
 * registered, gives the employment consent and is referred to employment, arriving at their time
 * whether or not the system keeps up (open loop).
 *
 * A real day: flights two hours apart, reception clears a flight in 90 minutes. `PEAK_COMPRESSION`
 * (default 60) divides both: a flight's 120 people arrive over 90 s, the next flight 120 s later.
 *
 * Prints: each request's answer time; from the officer's request to its effect where it is seen
 * (the path running in Temporal, the case on the supervisors' dashboard, the referral's child
 * workflow, the referral in the employment office's inbox) — effects timed from the data, so
 * watching adds no load; every consumer group's lag, sampled each second, and how long it took to
 * reach 0 after the last arrival. Baseline in the same run: the bare authenticated round trip of
 * intake on the same cluster. Needs the profile's prerequisites (`bash infra/stack.sh install
 * --profile cluster`) and the services' build; not the default stack.
 */
const COMPRESSION = Number(process.env['PEAK_COMPRESSION'] ?? 60);
const FLIGHTS = Number(process.env['PEAK_FLIGHTS'] ?? 5);
const PER_FLIGHT = Number(process.env['PEAK_PER_FLIGHT'] ?? 120);
const MINUTE = 60_000;
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
/** Ports of its own (services and cluster): it may run beside the failover suite's cluster. */
const APPS = loadPathServices(3461);
const CLUSTER_PORT_OFFSET = 300;

/** Each person's send time of one step, keyed as its effect is. */
function sentTimes(
  people: Required<LoadPerson>[],
  step: LoadStep,
  key: (person: Required<LoadPerson>) => string,
): Map<string, number> {
  const sent = new Map<string, number>();
  for (const person of people) {
    const at = person.steps[step]?.sentAt;
    if (at !== undefined) sent.set(key(person), at);
  }
  return sent;
}

async function main(): Promise<void> {
  if (!(await clusterPrerequisitesCached())) {
    // `npm run bench` (every benchmark) goes on without it on a machine that never built it.
    console.log(
      '[bench] national-peak skipped: the cluster profile is not installed. Run `bash infra/stack.sh install --profile cluster` once (the Temporal server builds from its Go module, minutes), then `npm run bench -- national-peak`.',
    );
    recordFigure('skipped', 'cluster profile not installed');
    return;
  }
  Object.assign(process.env, await testIdentityEnvironment(), { NODE_ENV: 'test' });
  const cluster = new ClusterStack('national-peak', CLUSTER_PORT_OFFSET);
  const services: ServiceProcess[] = [];
  let lag: LagSampler | undefined;
  const shutDown = async () => {
    await lag?.stop().catch(() => undefined);
    await Promise.allSettled(services.map((service) => service.stop()));
    await cluster.dispose('national-peak');
  };
  // Ctrl-C or a kill leaves no service nor engine of this run behind.
  const interrupted = () => void shutDown().finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const started = Date.now();
    await cluster.run('start');
    console.log(`[bench] cluster started in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const app of APPS) {
      const pair = await cluster.servicePair(app);
      services.push(...pair);
      // One app at a time (its two replicas together): eight boots at once overrun 2 cores.
      await Promise.all(pair.map(bootReplica));
    }
    const intake = services.filter((s) => s.app === 'intake').map((s) => s.url);
    const token = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
    const baseline = await measure(
      {
        name: 'bare GET /questionnaires (intake)',
        run: async (i) => {
          const response = await fetch(`${intake[i % 2]}/questionnaires`, {
            headers: { authorization: token },
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`questionnaires ${response.status}`);
        },
      },
      { operations: 300, concurrency: 2, warmup: 20, ratePerSecond: 20 },
    );

    lag = await LagSampler.start(await cluster.kafka(), 1_000, ['cluster-e2e']);
    const clearMs = (90 * MINUTE) / COMPRESSION;
    const everyMs = (120 * MINUTE) / COMPRESSION;
    console.log(
      `[bench] ${FLIGHTS} flights of ${PER_FLIGHT}: each over ${(clearMs / 1000).toFixed(0)} s, ` +
        `${(everyMs / 1000).toFixed(0)} s apart (a day compressed ${COMPRESSION}×)`,
    );
    const dayStarted = Date.now();
    let next = 0;
    const day = await runFlights({
      intakeUrl: () => intake[(next = (next + 1) % intake.length)],
      officer: 'oficial-pico',
      lastNames: 'Prueba de Pico Nacional',
      providerId: 'proveedor-empleo-pico',
      flights: FLIGHTS,
      perFlight: PER_FLIGHT,
      clearMs,
      everyMs,
    });
    const dayEnded = Date.now();
    await lag.drained(600_000);
    const drainedSeconds = (Date.now() - dayEnded) / 1000;
    await expectEachRequestDoneOnce(cluster, day.people, 300_000);
    await lag.stop();
    const lagMaxima = lag.maxima();

    const people = day.people as Required<LoadPerson>[];
    const seconds = (dayEnded - dayStarted) / 1000;
    report(
      `national peak on the cluster: officer's request → answer (${people.length} people in ${seconds.toFixed(0)} s)`,
      baseline,
      (['registration', 'consent', 'referral'] as const).map((step) =>
        fromLatencies(
          `POST ${step}`,
          people.map((person) => person.steps[step]?.ms ?? Number.NaN),
          seconds,
        ),
      ),
    );
    const [paths, children] = await cluster.temporal((client) =>
      Promise.all([
        startTimes(
          client,
          people.map((p) => p.caseId),
          reintegrationPathWorkflowId,
        ),
        startTimes(
          client,
          people.map((p) => p.referralId),
          referralWorkflowId,
        ),
      ]),
    );
    const dashboard = await timesFromDatabase(
      cluster.databaseUrl('supervisor'),
      `SELECT case_id::text AS id, extract(epoch FROM min(recorded_at)) * 1000 AS ms
         FROM case_events WHERE case_id::text = ANY($1) GROUP BY 1`,
      people.map((p) => p.caseId),
    );
    const inbox = await timesFromDatabase(
      cluster.databaseUrl('employment_matching'),
      `SELECT id::text, extract(epoch FROM received_at) * 1000 AS ms FROM referrals WHERE id::text = ANY($1)`,
      people.map((p) => p.referralId),
    );
    const effects = [
      ['registration → path running', 'registration', (p: Required<LoadPerson>) => p.caseId, paths],
      [
        'registration → on the dashboard',
        'registration',
        (p: Required<LoadPerson>) => p.caseId,
        dashboard,
      ],
      [
        'referral → its child workflow',
        'referral',
        (p: Required<LoadPerson>) => p.referralId,
        children,
      ],
      ['referral → employment inbox', 'referral', (p: Required<LoadPerson>) => p.referralId, inbox],
    ] as const;
    report(
      "national peak on the cluster: officer's request → its effect where it is seen",
      baseline,
      effects.map(([name, step, key, times]) =>
        effectResult(name, sentTimes(people, step, key), times, seconds),
      ),
    );
    const { written } = await countDeadLetters(await cluster.kafka());
    recordFigure('people', people.length);
    recordFigure('requests', day.figures.requests);
    recordFigure('retried', day.figures.retried);
    recordFigure('deadLetters', written);
    recordFigure('lagDrainedSecondsAfterLastArrival', drainedSeconds);
    for (const [group, max] of Object.entries(lagMaxima)) recordFigure(`lagMax.${group}`, max);
    // Beside the summaries, not among them (bench-table reads every artifacts/bench/*.json).
    const dir = join(process.cwd(), 'artifacts/bench/national-peak');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lag.json'), `${JSON.stringify(lag.samples)}\n`);
  } finally {
    process.removeListener('SIGINT', interrupted).removeListener('SIGTERM', interrupted);
    await shutDown();
  }
}

export const nationalPeakBenchmark: Benchmark = {
  name: 'national-peak',
  description: `the cluster profile at a national peak: ${FLIGHTS} flights of ${PER_FLIGHT} (a day compressed ${COMPRESSION}×), lag and latency, vs the bare round trip`,
  main,
};
