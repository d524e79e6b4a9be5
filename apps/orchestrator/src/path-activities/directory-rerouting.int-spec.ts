import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { referralRoutedV1, type ReferralRoutedV1 } from '@reintegra/event-contracts';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { eventOriginOf, OutboxWriter } from '@reintegra/platform-messaging';
import { workspaceWebpackConfigHook } from '@reintegra/platform-temporal';
import { eventually, type ServiceProcess, testDatabaseUrl, testToken } from '@reintegra/testing';
import {
  caseEventSignal,
  openReferralsQuery,
  pathSearchAttributes,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
  requestReferralUpdate,
} from '@reintegra/workflow-contracts';
import { orchestratorDataSource } from '../database/orchestrator-data-source';
import {
  registerProvider,
  retireServicesOfType,
  startDirectoryProcess,
} from '../testing/directory-process';
import { workflowsSourcePath } from '../worker/reintegration-worker.service';
import { DirectoryClient } from './directory-client.service';
import { PathActivitiesProvider } from './path-activities.service';

/**
 * A silent referral re-routes to the next entry of the real service directory: the built
 * service-directory runs as its own process on the test database, the workflows on Temporal's
 * time-skipping server (the 24 h deadline passes in seconds), and the activities are the
 * orchestrator's own (real outbox, real HTTP client). What leaves is asserted in the outbox.
 */
jest.setTimeout(240_000);
const LPE = 'SV-PA-LA-PAZ-ESTE';
const ZACATECOLUCA = `${LPE}/ZACATECOLUCA`;
const run = randomUUID().slice(0, 8);
const silent = `juridica-silenciosa-${run}`;
const full = `juridica-llena-${run}`;
const next = `juridica-siguiente-${run}`;
const womenOnly = `juridica-mujeres-${run}`;
const taskQueue = `directory-rerouting-${run}`;

let directory: ServiceProcess;
let db: DataSource;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;

/** One legal-aid provider in Zacatecoluca with the given free places. */
const provider = (id: string, capacityAvailable: number, onlyWomen = false) =>
  registerProvider(directory, id, {
    serviceType: 'legal-documents',
    capacityAvailable,
    womenOnly: onlyWomen,
  });

beforeAll(async () => {
  const testServerPath = process.env['TEMPORAL_TEST_SERVER_PATH'];
  if (!testServerPath) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set');
  directory = await startDirectoryProcess(taskQueue);
  await retireServicesOfType(directory, 'legal-documents');
  // Nearest first would pick any of them; the silent one is excluded, the full one skipped, the
  // women-only one is not for this man: the next eligible entry is asked.
  await provider(silent, 90_000);
  await provider(full, 0);
  await provider(womenOnly, 95_000, true);
  await provider(next, 80_000);

  await runMigrations(
    serviceDataSourceOptions(orchestratorDataSource(testDatabaseUrl('orchestrator', 'migrator'))),
  );
  db = new DataSource(
    serviceDataSourceOptions(orchestratorDataSource(testDatabaseUrl('orchestrator', 'app'), 2)),
  );
  await db.initialize();
  const token = (await testToken({ roles: ['national-supervisor'] })).replace(/^Bearer /, '');
  const activities = new PathActivitiesProvider(
    db,
    new OutboxWriter(eventOriginOf('orchestrator')),
    new DirectoryClient({ url: directory.url, accessToken: token }),
  ).activities();

  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
  const indexed = temporal.api.enums.v1.IndexedValueType;
  const typeByName: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: indexed.INDEXED_VALUE_TYPE_KEYWORD,
    INT: indexed.INDEXED_VALUE_TYPE_INT,
    DATETIME: indexed.INDEXED_VALUE_TYPE_DATETIME,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(pathSearchAttributes).map((key) => [key.name, typeByName[key.type]]),
    ),
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities,
    workflowsPath: workflowsSourcePath(),
    bundlerOptions: { webpackConfigHook: workspaceWebpackConfigHook() },
  });
  running = worker.run();
}, 200_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
  await directory?.stop();
});

async function routedEvents(referralId: string): Promise<ReferralRoutedV1[]> {
  const rows = (await db.query(
    `SELECT payload FROM outbox_messages
      WHERE payload->>'type' = $1 AND payload->'data'->>'referralId' = $2 ORDER BY position`,
    [referralRoutedV1.type, referralId],
  )) as { payload: { data: ReferralRoutedV1 } }[];
  return rows.map((row) => referralRoutedV1.data.parse(row.payload.data));
}

describe('re-routing through the service directory', () => {
  it('escalates a silent referral and re-routes it to the next eligible directory entry, with the reason', async () => {
    const caseId = randomUUID();
    const openedByEventId = randomUUID();
    const handle = await env.client.workflow.signalWithStart(REINTEGRATION_PATH_WORKFLOW_TYPE, {
      workflowId: reintegrationPathWorkflowId(caseId),
      taskQueue,
      args: [
        {
          caseId,
          municipalityCode: LPE,
          minor: false,
          openedAt: new Date().toISOString(),
          openedByEventId,
        },
      ],
      signal: caseEventSignal,
      signalArgs: [
        {
          eventId: openedByEventId,
          type: 'sv.reintegra.returnee.registered.v1',
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    const referralId = randomUUID();
    await handle.executeUpdate(requestReferralUpdate, {
      args: [
        {
          eventId: randomUUID(),
          referralId,
          service: 'legal-documents',
          priority: 'emergency',
          providerIds: [silent],
          requestedAt: new Date().toISOString(),
          eligibility: { ageYears: 34, sex: 'male', districtCode: ZACATECOLUCA },
        },
      ],
    });
    await eventually(async () =>
      expect((await routedEvents(referralId)).map((e) => e.action)).toEqual(['asked']),
    );

    await env.sleep('25 hours');
    const rerouted = await eventually(async () => {
      const events = await routedEvents(referralId);
      const found = events.find((e) => e.action === 'rerouted');
      expect(found).toBeDefined();
      return found as ReferralRoutedV1;
    });
    expect(rerouted).toMatchObject({
      providerId: next,
      routing: {
        decidedBy: 'service-directory',
        code: 'directory.nearest-eligible',
        proximity: 'same-district',
        capacity: 'available',
        capacityAvailable: 80_000,
      },
    });
    expect(rerouted.routing?.skipped.alreadyAsked).toBeGreaterThanOrEqual(1);
    expect(rerouted.routing?.skipped.noCapacity).toBeGreaterThanOrEqual(1);
    expect(rerouted.routing?.skipped.notEligible).toBeGreaterThanOrEqual(1);
    const events = await routedEvents(referralId);
    expect(events.find((e) => e.action === 'withdrawn')).toMatchObject({
      providerId: silent,
      reasonCode: 'deadline-missed',
    });
    await eventually(async () => {
      const open = (await handle.query(openReferralsQuery)).find(
        (r) => r.referralId === referralId,
      );
      expect(open).toMatchObject({ providerIds: [next], escalations: 1 });
    });
    await handle.terminate('test done');
  });
});
