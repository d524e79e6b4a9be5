import { randomUUID } from 'node:crypto';
import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  freshDui,
  journeyAnswers,
  jsonRequest as call,
  runToCompletion,
  ServiceProcess,
  stackEnvironment,
  startGroupAtEnd,
  testDatabaseUrl,
  testIdentityEnvironment,
  testToken,
  useLocalStack,
} from '@reintegra/testing';
import { type Benchmark, measure, recordFigure, report, type Result } from './harness';

/**
 * Issue 21, part 5: from an officer's action to its effect where the user sees it, through the
 * built services as processes (intake, orchestrator with its Temporal worker, employment-matching)
 * on the shared stack, at a national peak: one flight of `JOURNEY_PEOPLE` (default 120) handled by
 * `JOURNEY_OFFICERS` (default 8) officers at once, each waiting to see the effect before the next.
 *
 * - registration → the path is visible (`GET /returnees/:id/path` answers with a phase);
 * - plan approval → the referral is in the employment office's queue (`GET /referrals` there);
 * - the office's acceptance → the path shows `in-services`.
 *
 * Baseline in the same run: the bare authenticated round trip of the same services
 * (`GET /questionnaires` on intake, `GET /referrals` on employment). Watching polls every
 * `POLL_MS` (50 ms), so an effect is seen up to one interval late.
 */
const PEOPLE = Number(process.env['JOURNEY_PEOPLE'] ?? 120);
const OFFICERS = Number(process.env['JOURNEY_OFFICERS'] ?? 8);
const POLL_MS = 50;
const TIMEOUT_MS = Number(process.env['JOURNEY_TIMEOUT_MS'] ?? 60_000);
/** A stage gives up (its remaining people count as errors) after this many failures. */
const GIVE_UP_AFTER = Math.max(3, Math.ceil(PEOPLE / 10));
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const OFFICE = 'oficina-empleo-la-paz-este';
const PORTS = { intake: 3611, orchestrator: 3612, employment: 3613, metrics: 3619 };

const SYLLABLES =
  'ba be bi bo ca ce co da de do fa fe ga go la le li lo ma me mi mo na ne no pa pe ra re ri ro sa se so ta te to va ve za zo'.split(
    ' ',
  );
const word = () =>
  Array.from({ length: 3 }, () => SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)])
    .join('')
    .replace(/^./, (c) => c.toUpperCase());

interface Person {
  returneeId: string;
  caseId: string;
  referralId?: string;
}

function expectStatus(what: string, response: { status: number; body: unknown }, status: number) {
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
}

/** A stage's operation that stops trying once the stage failed GIVE_UP_AFTER times. */
function stage(name: string, run: (index: number) => Promise<void>) {
  let failures = 0;
  return {
    name,
    run: async (index: number) => {
      if (failures >= GIVE_UP_AFTER) throw new Error(`${name}: gave up after ${failures} failures`);
      try {
        await run(index);
      } catch (error) {
        failures += 1;
        throw error;
      }
    },
  };
}

/** Polls until `seen` returns a value (every POLL_MS, at most TIMEOUT_MS). */
async function until<T>(what: string, seen: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await seen();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function main(): Promise<void> {
  const stack = await useLocalStack();
  Object.assign(process.env, stackEnvironment(stack), await testIdentityEnvironment());
  const { kafkaBrokers, temporalAddress } = currentTestStack();
  const run = randomUUID().slice(0, 8);
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: kafkaBrokers.join(','),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'reintegra-test',
    TEMPORAL_TASK_QUEUE: `reintegration-paths-journey-bench-${run}`,
    OUTBOX_POLL_INTERVAL_MS: '20',
  };
  const envOf = (service: string, database: string) => ({
    ...common,
    DATABASE_URL: testDatabaseUrl(database, 'app'),
    DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
    KAFKA_CONSUMER_GROUP: `${service}-journey-bench-${run}`,
  });
  const intakeEnv = envOf('intake', 'intake');
  const orchestratorEnv = {
    ...envOf('orchestrator', 'orchestrator'),
    TEMPORAL_METRICS_PORT: String(PORTS.metrics),
  };
  const employmentEnv = envOf('employment', 'employment_matching');
  const envs = [intakeEnv, orchestratorEnv, employmentEnv];
  await Promise.all([
    runToCompletion('intake', 'migrate', intakeEnv),
    runToCompletion('orchestrator', 'migrate', orchestratorEnv),
    runToCompletion('employment-matching', 'migrate', employmentEnv),
    // Only this run's events: each group starts at the end of every topic.
    ...envs.map((env) =>
      startGroupAtEnd(kafkaBrokers, env.KAFKA_CONSUMER_GROUP, Object.values(TOPICS)),
    ),
  ]);
  const intake = new ServiceProcess('intake', PORTS.intake, intakeEnv);
  const orchestrator = new ServiceProcess('orchestrator', PORTS.orchestrator, orchestratorEnv);
  const employment = new ServiceProcess('employment-matching', PORTS.employment, employmentEnv);
  // On a busy machine a service can miss the 60 s health deadline: one more try, after a stop.
  const startPatiently = async (service: ServiceProcess) => {
    try {
      await service.start();
    } catch (error) {
      console.error(
        `[bench] ${service.app} slow to start, once more: ${(error as Error).message.split('\n')[0]}`,
      );
      await service.stop();
      await service.start();
    }
  };
  await Promise.all([startPatiently(intake), startPatiently(employment)]);
  await startPatiently(orchestrator);
  try {
    const officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
    const supervisor = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: MUNICIPALITY,
      organisationId: OFFICE,
    });
    const load = { operations: PEOPLE, concurrency: OFFICERS };
    const people: Person[] = [];

    const bareIntake = await measure(
      {
        name: 'bare GET /questionnaires (intake)',
        run: async () =>
          expectStatus(
            'questionnaires',
            await call(`${intake.url}/questionnaires`, 'GET', officer),
            200,
          ),
      },
      { ...load, warmup: 10 },
    );
    const bareEmployment = await measure(
      {
        name: 'bare GET /referrals (employment)',
        run: async () =>
          expectStatus('queue', await call(`${employment.url}/referrals`, 'GET', caseworker), 200),
      },
      { ...load, warmup: 10 },
    );

    const pathOf = async (person: Person) =>
      call(`${intake.url}/returnees/${person.returneeId}/path`, 'GET', officer);
    const phaseIs = (phase: string) => async (person: Person) => {
      const response = await pathOf(person);
      const path = response.body['path'] as { phase?: string } | undefined;
      return response.status === 200 && (phase === '*' ? path?.phase : path?.phase === phase)
        ? true
        : undefined;
    };

    // 1. Registration → the path is visible to the officer.
    const registered = await measure(
      stage('registration → path visible', async (index) => {
        const response = await call(`${intake.url}/returnees`, 'POST', officer, {
          dui: freshDui(),
          firstNames: `${word()} ${word()}`,
          lastNames: `${word()} ${word()}`,
          dateOfBirth: `${1960 + (index % 45)}-0${1 + (index % 9)}-1${index % 9}`,
          gender: index % 2 === 0 ? 'male' : 'female',
          returnDate: new Date().toISOString().slice(0, 10),
          countryReturnedFrom: 'US',
          receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
          municipalityCode: MUNICIPALITY,
        });
        expectStatus('registration', response, 201);
        const person = {
          returneeId: response.body['returneeId'] as string,
          caseId: response.body['caseId'] as string,
        };
        await until('path visible', () => phaseIs('*')(person));
        people.push(person);
      }),
      load,
    );

    // Unmeasured: what the officer does before the plan goes to the supervisor.
    const plans = new Map<string, string>();
    await measure(
      stage('consent, assessment, plan, submission (setup)', async (index) => {
        const person = people[index];
        if (!person) return;
        const cases = `${intake.url}/cases/${person.caseId}`;
        expectStatus(
          'consent',
          await call(`${cases}/consents`, 'POST', officer, {
            purpose: 'service-referral',
            scope: 'employment',
            formVersion: 'consentimiento-2026-01',
          }),
          201,
        );
        expectStatus(
          'assessment',
          await call(`${cases}/assessments`, 'POST', officer, {
            questionnaireVersion: '2026-11',
            answers: journeyAnswers,
          }),
          201,
        );
        await until('assessed', () => phaseIs('assessed')(person));
        expectStatus(
          'plan',
          await call(`${cases}/plan`, 'POST', officer, {
            goals: {
              economic: [{ description: 'Empleo formal en construcción en La Paz Este' }],
            },
            proposedReferrals: [
              {
                service: 'employment',
                priority: 'urgent',
                providerIds: [OFFICE],
                reasonCode: 'seeks-employment',
              },
            ],
          }),
          201,
        );
        expectStatus('submission', await call(`${cases}/plan/submission`, 'POST', officer), 200);
        const plan = await call(`${cases}/plan`, 'GET', supervisor);
        plans.set(person.caseId, plan.etag ?? '');
      }),
      { operations: people.length, concurrency: OFFICERS },
    );

    // 2. The supervisor's approval → the referral in the employment office's queue.
    const inbox = await measure(
      stage('plan approval → provider inbox', async (index) => {
        const person = people[index];
        if (!person) throw new Error('no person');
        const approved = await call(
          `${intake.url}/cases/${person.caseId}/plan/approval`,
          'POST',
          supervisor,
          {},
          plans.get(person.caseId),
        );
        expectStatus('approval', approved, 200);
        person.referralId = await until('in the queue', async () => {
          const queue = await call(`${employment.url}/referrals`, 'GET', caseworker);
          const rows = queue.body as unknown as Array<{ id: string; caseId: string }>;
          return Array.isArray(rows) ? rows.find((r) => r.caseId === person.caseId)?.id : undefined;
        });
      }),
      { operations: people.length, concurrency: OFFICERS },
    );

    // 3. The office accepts → the officer sees the path in services.
    const accepted = await measure(
      stage('provider acceptance → path in services', async (index) => {
        const person = people[index];
        if (!person?.referralId) throw new Error('no referral');
        expectStatus(
          'acceptance',
          await call(
            `${employment.url}/referrals/${person.referralId}/acceptance`,
            'POST',
            caseworker,
          ),
          200,
        );
        await until('in services', () => phaseIs('in-services')(person));
      }),
      { operations: people.length, concurrency: OFFICERS },
    );

    const title = `officer journey, ${PEOPLE} people (one flight), ${OFFICERS} officers at once`;
    const withOps = (r: Result): Result => ({ ...r, operations: PEOPLE });
    report(
      `${title}: against intake's bare round trip`,
      bareIntake,
      [registered, accepted].map(withOps),
    );
    report(`${title}: against employment's bare round trip`, bareEmployment, [withOps(inbox)]);
    recordFigure('registrationToPathP99Ms', registered.p99Ms);
    recordFigure('approvalToInboxP99Ms', inbox.p99Ms);
    recordFigure('acceptanceToPathP99Ms', accepted.p99Ms);
  } finally {
    await Promise.allSettled([intake.stop(), orchestrator.stop(), employment.stop()]);
  }
}

export const officerJourneyBenchmark: Benchmark = {
  name: 'officer-journey',
  description: `officer's action → its effect where the user sees it (path, provider inbox), ${PEOPLE} people, vs bare round trips`,
  main,
};
