import 'reflect-metadata';
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@reintegra/platform-config';
import { runMain } from '@reintegra/platform-http';
import { workspaceWebpackConfigHook } from '@reintegra/platform-temporal';
import { orchestratorConfigSpec, SERVICE_NAME } from './config';
import { startOrchestrator } from './orchestrator.app';
import { PREBUILT_BUNDLE, workflowsSourcePath } from './worker/reintegration-worker';

if (process.argv[2] === 'bundle-workflows') {
  // Build step: prebundle the workflow code next to main.js so production starts fast.
  runMain('bundle-workflows', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: workflowsSourcePath(),
      webpackConfigHook: workspaceWebpackConfigHook(),
    });
    writeFileSync(join(__dirname, PREBUILT_BUNDLE), code);
    console.log(`workflow bundle written to ${join(__dirname, PREBUILT_BUNDLE)}`);
  });
} else {
  runMain(SERVICE_NAME, () => startOrchestrator(loadConfig(orchestratorConfigSpec)), {
    exitWhenDone: false,
  });
}
