import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { pathPhaseChangedV1, TOPICS } from '@reintegra/event-contracts';
import { reintegrationPathWorkflowId } from '@reintegra/workflow-contracts';
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
  TopicRecorder,
  useLocalStack,
} from '@reintegra/testing';
import { effectResult, startTimes, timesFromDatabase } from './effect-times';
import {
  COMPRESSION,
  expectStatus,
  OFFICERS,
  paced,
  PathPhases,
  PEOPLE,
  type Person,
  RATE,
  stage,
  startPatiently,
  timed,
  until,
  word,
} from './officer-journey.parts';
import { type Benchmark, fromLatencies, measure, recordFigure, report } from './harness';
import { emptyReadModelAtTheEnd, readModelBenchUrl } from './read-model-db';

/**
 * Issue 21, part 5: from an officer's action to its effect where its user sees it, through the
 * built services as processes (intake, the orchestrator with its Temporal worker, employment
 * matching and the supervisors' read model) on the shared stack, at a national peak: one flight
 * of `JOURNEY_PEOPLE` (default 120) handled by `JOURNEY_OFFICERS` (default 8) officers at once,
 * each step paced at the peak's rate: reception clears a flight in 90 minutes, compressed
 * `JOURNEY_COMPRESSION` (default 60) times, so a step reaches its 120 people in 90 s.
 * `JOURNEY_COMPRESSION=0` lets the officers go as fast as they can (the pipeline overloaded).
 *
 * - registration → the path running (its workflow's start) and the case on the dashboard (the
 *   read model's first row of it);
 * - the supervisor's plan approval → the referral in the employment office's inbox (its row);
 * - the office's acceptance → the path in `in-services` (the workflow's own time of the move, from
 *   its event) and on the dashboard (the read model's row of that event).
 *
 * Effects are timed from the data they leave (see effect-times.ts), so watching adds no load; the
 * officers wait only where the next step needs the effect (the path assessed before the plan, the
 * referral in the inbox before its acceptance), reading the path's events from Kafka and the
 * inbox's table. Baseline in the same run: the bare authenticated round trip of the same services
 * (`GET /questionnaires` on intake, `GET /referrals` on employment).
 */
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const OFFICE = 'oficina-empleo-la-paz-este';
const PORTS = {
  intake: 3611,
  orchestrator: 3612,
  employment: 3613,
  supervisor: 3614,
  metrics: 3619,
};

async function main(): Promise<void> {
  const stack = await useLocalStack();
  Object.assign(process.env, stackEnvironment(stack), await testIdentityEnvironment());
  const { kafkaBrokers, temporalAddress, temporalNamespace } = currentTestStack();
  const run = randomUUID().slice(0, 8);
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: kafkaBrokers.join(','),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: temporalNamespace,
    TEMPORAL_TASK_QUEUE: `reintegration-paths-journey-bench-${run}`,
    OUTBOX_POLL_INTERVAL_MS: '20',
  };
  const group = (service: string) => `${service}-journey-bench-${run}`;
  const envOf = (service: string, database: string) => ({
    ...common,
    DATABASE_URL: testDatabaseUrl(database, 'app'),
    DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
    KAFKA_CONSUMER_GROUP: group(service),
  });
  const intakeEnv = envOf('intake', 'intake');
  const orchestratorEnv = {
    ...envOf('orchestrator', 'orchestrator'),
    TEMPORAL_METRICS_PORT: String(PORTS.metrics),
  };
  const employmentEnv = envOf('employment', 'employment_matching');
  const supervisorEnv = {
    ...common,
    DATABASE_URL: readModelBenchUrl('app'),
    DATABASE_MIGRATION_URL: readModelBenchUrl('migrator'),
    KAFKA_CONSUMER_GROUP: group('supervisor-api'),
    DEV_IDENTITY_URL: '',
  };
  const envs = [intakeEnv, orchestratorEnv, employmentEnv];
  await Promise.all([
    runToCompletion('intake', 'migrate', intakeEnv),
    runToCompletion('orchestrator', 'migrate', orchestratorEnv),
    runToCompletion('employment-matching', 'migrate', employmentEnv),
    runToCompletion('supervisor-api', 'migrate', supervisorEnv),
    // Only this run's events: each group starts at the end of every topic.
    ...envs.map((env) =>
      startGroupAtEnd(kafkaBrokers, env.KAFKA_CONSUMER_GROUP, Object.values(TOPICS)),
    ),
  ]);
  const readModel = new Pool({ connectionString: readModelBenchUrl('migrator'), max: 2 });
  const inboxDb = new Pool({
    connectionString: testDatabaseUrl('employment_matching', 'app'),
    max: OFFICERS,
  });
  await emptyReadModelAtTheEnd(readModel, kafkaBrokers);
  const recorder = new TopicRecorder(kafkaBrokers, [TOPICS.pathEvents]);
  await recorder.start();
  const phases = new PathPhases(recorder);
  const intake = new ServiceProcess('intake', PORTS.intake, intakeEnv);
  const orchestrator = new ServiceProcess('orchestrator', PORTS.orchestrator, orchestratorEnv);
  const employment = new ServiceProcess('employment-matching', PORTS.employment, employmentEnv);
  const supervisorApi = new ServiceProcess('supervisor-api', PORTS.supervisor, supervisorEnv);
  await Promise.all([intake, employment, supervisorApi].map(startPatiently));
  await startPatiently(orchestrator);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: temporalNamespace });
  try {
    const officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
    const supervisor = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: MUNICIPALITY,
      organisationId: OFFICE,
    });
    const bare = { operations: PEOPLE, concurrency: OFFICERS, warmup: 10 };
    const people: Person[] = [];
    /** Answer times of the steps whose officer then waits for the effect. */
    const answeredIn = { approval: [] as number[], acceptance: [] as number[] };
    const sent = {
      registration: new Map<string, number>(),
      approval: new Map<string, number>(),
      acceptance: new Map<string, number>(),
    };
    const stageOf = (name: string, run: (person: Person) => Promise<void>) =>
      stage(name, async (index) => {
        const person = people[index];
        if (!person) throw new Error('no person');
        await run(person);
      });

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
      bare,
    );
    const bareEmployment = await measure(
      {
        name: 'bare GET /referrals (employment)',
        run: async () =>
          expectStatus('queue', await call(`${employment.url}/referrals`, 'GET', caseworker), 200),
      },
      bare,
    );

    // 1. Registration.
    const registration = await timed(() =>
      measure(
        stage('registration answered', async (index) => {
          const sentAt = Date.now();
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
          const caseId = response.body['caseId'] as string;
          people.push({ returneeId: response.body['returneeId'] as string, caseId });
          sent.registration.set(caseId, sentAt);
        }),
        paced(PEOPLE),
      ),
    );

    // Unmeasured: what the officer does before the plan goes to the supervisor.
    const plans = new Map<string, string>();
    await measure(
      stageOf('consent, assessment, plan, submission (setup)', async (person) => {
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
        await until('assessed', async () => phases.of(person.caseId, 'assessed'));
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
      paced(people.length),
    );

    // 2. The supervisor approves; the office's inbox must have the referral before it accepts.
    const approval = await timed(() =>
      measure(
        stageOf('plan approval', async (person) => {
          const sentAt = Date.now();
          const approved = await call(
            `${intake.url}/cases/${person.caseId}/plan/approval`,
            'POST',
            supervisor,
            {},
            plans.get(person.caseId),
          );
          answeredIn.approval.push(Date.now() - sentAt);
          expectStatus('approval', approved, 200);
          sent.approval.set(person.caseId, sentAt);
          person.referralId = await until('in the inbox', async () => {
            const { rows } = await inboxDb.query<{ id: string }>(
              'SELECT id::text FROM referrals WHERE case_id = $1',
              [person.caseId],
            );
            return rows[0]?.id;
          });
        }),
        paced(people.length),
      ),
    );

    // 3. The office accepts.
    const acceptance = await timed(() =>
      measure(
        stageOf('provider acceptance', async (person) => {
          if (!person.referralId) throw new Error('no referral');
          const sentAt = Date.now();
          const accepted = await call(
            `${employment.url}/referrals/${person.referralId}/acceptance`,
            'POST',
            caseworker,
          );
          answeredIn.acceptance.push(Date.now() - sentAt);
          expectStatus('acceptance', accepted, 200);
          sent.acceptance.set(person.caseId, sentAt);
          await until('in services', async () => phases.of(person.caseId, 'in-services'));
        }),
        paced(people.length),
      ),
    );

    // The effects, from the data they left (people without one count as errors).
    const caseIds = people.map((person) => person.caseId);
    const readModelTimes = async (where: string) => {
      const times = () =>
        timesFromDatabase(
          readModel,
          `SELECT case_id::text AS id, extract(epoch FROM min(recorded_at)) * 1000 AS ms
             FROM case_events WHERE case_id::text = ANY($1) ${where} GROUP BY 1`,
          caseIds,
        );
      // The read model may still be projecting the last events: wait for it, within the timeout.
      await until('on the dashboard', async () =>
        (await times()).size >= caseIds.length ? true : undefined,
      ).catch(() => undefined);
      return times();
    };
    const pathsRunning = await startTimes(temporal, caseIds, reintegrationPathWorkflowId);
    const onDashboard = await readModelTimes('');
    const inServicesOnDashboard = await readModelTimes(
      `AND type = '${pathPhaseChangedV1.type}' AND data->>'to' = 'in-services'`,
    );
    const inInbox = await timesFromDatabase(
      inboxDb,
      `SELECT case_id::text AS id, extract(epoch FROM min(received_at)) * 1000 AS ms
         FROM referrals WHERE case_id::text = ANY($1) GROUP BY 1`,
      caseIds,
    );

    const pace = RATE
      ? `${RATE.toFixed(2)} people/s (a flight in 90 min, ${COMPRESSION}× faster)`
      : 'as fast as they can';
    const title = `officer journey, ${PEOPLE} people (one flight), ${OFFICERS} officers at once, ${pace}`;
    const results = {
      pathRunning: effectResult(
        'registration → path running',
        sent.registration,
        pathsRunning,
        registration.seconds,
      ),
      registeredOnDashboard: effectResult(
        'registration → on the dashboard',
        sent.registration,
        onDashboard,
        registration.seconds,
      ),
      inServices: effectResult(
        'provider acceptance → path in services',
        sent.acceptance,
        phases.times('in-services', caseIds),
        acceptance.seconds,
      ),
      inServicesOnDashboard: effectResult(
        'provider acceptance → on the dashboard',
        sent.acceptance,
        inServicesOnDashboard,
        acceptance.seconds,
      ),
      inbox: effectResult(
        'plan approval → provider inbox',
        sent.approval,
        inInbox,
        approval.seconds,
      ),
    };
    report(`${title}: against intake's bare round trip`, bareIntake, [
      registration.result,
      fromLatencies('plan approval answered', answeredIn.approval, approval.seconds),
      results.pathRunning,
      results.registeredOnDashboard,
      results.inServices,
      results.inServicesOnDashboard,
    ]);
    report(`${title}: against employment's bare round trip`, bareEmployment, [
      fromLatencies('provider acceptance answered', answeredIn.acceptance, acceptance.seconds),
      results.inbox,
    ]);
    recordFigure('registrationToPathP99Ms', results.pathRunning.p99Ms);
    recordFigure('registrationToDashboardP99Ms', results.registeredOnDashboard.p99Ms);
    recordFigure('approvalToInboxP99Ms', results.inbox.p99Ms);
    recordFigure('acceptanceToPathP99Ms', results.inServices.p99Ms);
    recordFigure('acceptanceToDashboardP99Ms', results.inServicesOnDashboard.p99Ms);
  } finally {
    await Promise.allSettled([
      intake.stop(),
      orchestrator.stop(),
      employment.stop(),
      supervisorApi.stop(),
      recorder.stop(),
      readModel.end(),
      inboxDb.end(),
      connection.close(),
    ]);
  }
}

export const officerJourneyBenchmark: Benchmark = {
  name: 'officer-journey',
  description: `officer's action → its effect where the user sees it (path, provider inbox, dashboard), ${PEOPLE} people, vs bare round trips`,
  main,
};
