import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka } from 'kafkajs';
import {
  countDeadLetters,
  eventually,
  expectEachRequestDoneOnce,
  type LoadPerson,
  readDeadLetters,
  runRegistrationLoad,
  runToCompletion,
  ServiceProcess,
} from '@reintegra/testing';
import { OwnStack } from './own-stack';

/**
 * Chaos on a stack of the suite's own: while officers register and refer people, the Kafka broker,
 * the orchestrator, intake, employment matching (a downstream service) and the PostgreSQL server
 * are each killed with SIGKILL and brought back as an operator would (`stack.sh start`, the
 * service started again). Afterwards every accepted request has had exactly one effect — one
 * person, one path, one referral child in it, one employment referral, one read-model row each —
 * nothing is stuck, and no dead letter was written (the load holds no bad input).
 *
 * In `npm test` (operations-e2e:integration, beside the shared-stack suites on the same cores) two
 * officers at a slower pace; `npm run chaos` (CHAOS_PROFILE=long) three at an office's full pace.
 */
jest.setTimeout(900_000);
const LONG = process.env['CHAOS_PROFILE'] === 'long';
const PROFILE = LONG
  ? { name: 'long', workers: 3, pauseMs: 300, pauseBetweenKillsMs: 4_000 }
  : { name: 'npm test', workers: 2, pauseMs: 800, pauseBetweenKillsMs: 2_000 };
// PostgreSQL as in production: a commit is answered once its WAL is on disk. The local stack's
// default (synchronous_commit off) loses the last acknowledged commits when the server is killed,
// which this test would rightly count as lost requests.
const chaos = new OwnStack(
  'chaos',
  {
    PG_PORT: '26932',
    KAFKA_PORT: '29692',
    KAFKA_CONTROLLER_PORT: '29693',
    TEMPORAL_PORT: '27833',
    TEMPORAL_UI_PORT: '28833',
    SMTP_PORT: '21625',
    PROMETHEUS_PORT: '29590',
  },
  { PG_SYNCHRONOUS_COMMIT: 'on' },
);
const services = {
  intake: new ServiceProcess('intake', 3261, chaos.env('intake')),
  orchestrator: new ServiceProcess('orchestrator', 3262, chaos.env('orchestrator')),
  employment: new ServiceProcess('employment-matching', 3263, chaos.env('employment_matching')),
  supervisor: new ServiceProcess('supervisor-api', 3264, chaos.env('supervisor')),
};
const DATABASES = {
  intake: 'intake',
  orchestrator: 'orchestrator',
  'employment-matching': 'employment_matching',
  'supervisor-api': 'supervisor',
} as const;

/** What was killed, and how long it took from the kill to healthy again. */
const recoveries: { what: string; seconds: number }[] = [];

const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0].trim());

/** kill -9, a few seconds down (the load meets it), then back as an operator brings it. */
async function crash(
  what: string,
  kill: () => Promise<void> | void,
  recover: () => Promise<unknown>,
) {
  const killedAt = Date.now();
  await kill();
  await sleep(3_000);
  await recover();
  recoveries.push({ what, seconds: (Date.now() - killedAt) / 1000 });
}

/**
 * Starts a service as an operator would and waits until it is healthy: ServiceProcess gives it a
 * minute; on 2 cores shared with the rest of npm test, a service reconnecting to a broker that just
 * came back can take longer, so its health is awaited up to three minutes more (it keeps running;
 * one that exits fails here with its log).
 */
async function startService(service: ServiceProcess): Promise<void> {
  await service.start().catch(async (slow: Error) => {
    await eventually(
      async () => {
        const response = await fetch(`${service.url}/health`);
        if (response.status !== 200) throw new Error(`${service.app} health ${response.status}`);
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}
${slow.message}`);
    });
  });
}

/** Starts the engines again until they come up (PostgreSQL waits for its old backends to go). */
async function restartEngines(): Promise<void> {
  await eventually(() => chaos.run('start'), { timeoutMs: 120_000, intervalMs: 2_000 });
}

async function unleash(): Promise<void> {
  await sleep(5_000);
  await crash(
    'Kafka broker',
    () => void process.kill(pidIn(join(chaos.stackDir, 'run/kafka.pid')), 'SIGKILL'),
    restartEngines,
  );
  for (const [what, service] of [
    ['orchestrator', services.orchestrator],
    ['intake', services.intake],
    ['employment-matching', services.employment],
  ] as const) {
    await sleep(PROFILE.pauseBetweenKillsMs);
    await crash(
      what,
      () => service.kill(),
      () => startService(service),
    );
  }
  await sleep(PROFILE.pauseBetweenKillsMs);
  await crash(
    'PostgreSQL server',
    () => void process.kill(pidIn(join(chaos.stackDir, 'postgres/data/postmaster.pid')), 'SIGKILL'),
    restartEngines,
  );
}

afterAll(async () => {
  await Promise.allSettled(Object.values(services).map((service) => service.stop()));
  await chaos.dispose();
});

describe('chaos during registrations and referrals', () => {
  let people: LoadPerson[] = [];

  it('keeps taking registrations and referrals while five parts are killed and brought back', async () => {
    await chaos.run('start');
    for (const [app, database] of Object.entries(DATABASES))
      await runToCompletion(app, 'migrate', chaos.env(database));
    await Promise.all(Object.values(services).map(startService));
    let unleashed = false;
    const started = Date.now();
    const [load] = await Promise.all([
      runRegistrationLoad({
        intakeUrl: () => services.intake.url,
        officer: 'oficial-caos',
        lastNames: 'Prueba de Caos',
        providerId: 'proveedor-empleo-caos',
        workers: PROFILE.workers,
        minimum: 30,
        pauseMs: PROFILE.pauseMs,
        stop: () => unleashed,
      }),
      unleash().finally(() => (unleashed = true)),
    ]);
    people = load.people;
    console.log(
      `chaos (${PROFILE.name}): ${people.length} people (${load.figures.requests} requests, ${load.figures.retried} ` +
        `met a part down) in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
        `${recoveries.length} kills, back after: ` +
        recoveries.map((r) => `${r.what} ${r.seconds.toFixed(1)} s`).join(', '),
    );
    expect(recoveries).toHaveLength(5);
    expect(load.figures.retried).toBeGreaterThan(0);
    expect(people.every((person) => person.referralId)).toBe(true);
  });

  it('has done each accepted request exactly once, everywhere, with nothing stuck', async () => {
    const settledFrom = Date.now();
    await expectEachRequestDoneOnce(
      {
        databaseUrl: (database) => chaos.env(database)['DATABASE_MIGRATION_URL'],
        temporal: (use) => chaos.temporal(use),
      },
      people,
      240_000,
    );
    console.log(
      `chaos: every effect in place ${((Date.now() - settledFrom) / 1000).toFixed(0)} s after the load`,
    );
  });

  it('wrote no dead letter: the load held no bad input', async () => {
    const kafka = new Kafka({ brokers: [`127.0.0.1:${chaos.ports.KAFKA_PORT}`], logLevel: 0 });
    const { topics, written } = await countDeadLetters(kafka);
    expect(topics.length).toBeGreaterThan(0);
    console.log(`chaos: ${written} dead letters on ${topics.length} dead-letter topics`);
    if (written === 0) return;
    const letters = await readDeadLetters(kafka, topics, written, `chaos-dlq-${Date.now()}`);
    expect(letters).toEqual([]);
  });
});
