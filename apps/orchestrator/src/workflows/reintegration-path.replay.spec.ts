import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  tracingWorkerOptions,
  workflowTracingModules,
  workspaceWebpackConfigHook,
} from '@reintegra/platform-temporal';
import { workflowsSourcePath } from '../worker/reintegration-worker.service';

/**
 * Change safety: histories recorded from earlier versions of the workflow code are committed in
 * __fixtures__ and replayed against the current code; a non-deterministic change fails here, in CI,
 * before it can break running paths. v1 is the walking skeleton (replays through the `patched()`
 * branch, reintegrationPathV1); v2 is the full 12-month path of the time-skipping test (re-record
 * with `RECORD_HISTORY_FIXTURES=1 nx run orchestrator:integration` after a deliberate, patched change).
 */
const fixtures = ['reintegration-path.v1.history.json', 'reintegration-path.v2.history.json'];

function history(name: string): temporal.api.history.v1.History {
  const json: unknown = JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}

let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  // Bundled once (several seconds) and shared by every replay.
  bundle = await bundleWorkflowCode({
    workflowsPath: workflowsSourcePath(),
    webpackConfigHook: workspaceWebpackConfigHook(),
    // As deployed: with the tracing interceptors (they add headers, never commands).
    workflowInterceptorModules: workflowTracingModules(),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  });
}, 120_000);

describe('reintegrationPath replay', () => {
  it.each(fixtures)(
    'replays %s deterministically with the current code',
    async (name) => {
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: bundle, sinks: tracingWorkerOptions().sinks },
          history(name),
        ),
      ).resolves.toBeUndefined();
    },
    60_000,
  );
});
