import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import {
  caseEventSignal,
  pathSearchAttributes,
  pathStateQuery,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
  type ReintegrationPathInput,
} from '@reintegra/workflow-contracts';
import { workspaceWebpackConfigHook } from '@reintegra/platform-temporal';
import { workflowsSourcePath } from '../worker/reintegration-worker';

/**
 * The reintegration path workflow on Temporal's time-skipping test server (installed by
 * infra/stack.sh from PyPI; TEMPORAL_TEST_SERVER_PATH points at it): months pass in milliseconds.
 */
const testServerPath = process.env['TEMPORAL_TEST_SERVER_PATH'];
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = 'reintegration-path-test';

beforeAll(async () => {
  if (!testServerPath) {
    throw new Error(
      'TEMPORAL_TEST_SERVER_PATH is not set: run `eval "$(bash infra/stack.sh env)"` first',
    );
  }
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
  // The test server starts empty: register the path's search attributes as infra/ does.
  const indexedType = temporal.api.enums.v1.IndexedValueType;
  const typeByName: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: indexedType.INDEXED_VALUE_TYPE_KEYWORD,
    INT: indexedType.INDEXED_VALUE_TYPE_INT,
    DATETIME: indexedType.INDEXED_VALUE_TYPE_DATETIME,
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
    workflowsPath: workflowsSourcePath(),
    bundlerOptions: { webpackConfigHook: workspaceWebpackConfigHook() },
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

function input(): ReintegrationPathInput {
  return {
    caseId: randomUUID(),
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    minor: true,
    openedAt: '2026-11-20T15:00:00.000Z',
    openedByEventId: randomUUID(),
  };
}

describe('reintegrationPath workflow', () => {
  it('opens in the intake phase and stays alive for months', async () => {
    const start = input();
    const handle = await env.client.workflow.start(REINTEGRATION_PATH_WORKFLOW_TYPE, {
      workflowId: reintegrationPathWorkflowId(start.caseId),
      taskQueue,
      args: [start],
    });
    await env.sleep('400 days');
    const state = await handle.query(pathStateQuery);
    expect(state).toMatchObject({ caseId: start.caseId, phase: 'intake', minor: true });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test done');
  });

  it('records each case event once, whatever the redeliveries, and ignores invalid signals', async () => {
    const start = input();
    const handle = await env.client.workflow.signalWithStart(REINTEGRATION_PATH_WORKFLOW_TYPE, {
      workflowId: reintegrationPathWorkflowId(start.caseId),
      taskQueue,
      args: [start],
      signal: caseEventSignal,
      // The registration event itself, delivered with the start: already in the history.
      signalArgs: [
        {
          eventId: start.openedByEventId,
          type: 'sv.reintegra.returnee.registered.v1',
          occurredAt: start.openedAt,
        },
      ],
    });
    const later = {
      eventId: randomUUID(),
      type: 'sv.reintegra.consent.granted.v1',
      occurredAt: '2026-11-21T10:00:00.000Z',
    };
    await handle.signal(caseEventSignal, later);
    await handle.signal(caseEventSignal, later);
    await handle.signal(caseEventSignal, { type: 'no id' } as never);
    const state = await handle.query(pathStateQuery);
    expect(state.history.map((entry) => entry.eventType)).toEqual([
      'sv.reintegra.returnee.registered.v1',
      'sv.reintegra.consent.granted.v1',
    ]);
    await handle.terminate('test done');
  });
});
