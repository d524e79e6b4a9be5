import 'reflect-metadata';
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from '@reintegra/platform-http';
import { serve } from '@reintegra/platform-service';
import { workflowTracingModules, workspaceWebpackConfigHook } from '@reintegra/platform-temporal';
import { OrchestratorModule } from './orchestrator.module';
import { orchestratorService } from './service';
import { PREBUILT_BUNDLE, workflowsSourcePath } from './worker/reintegration-worker.service';

if (process.argv[2] === 'bundle-workflows') {
  // Build step: prebundle the workflow code next to main.js so production starts fast.
  runMain('bundle-workflows', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: workflowsSourcePath(),
      webpackConfigHook: workspaceWebpackConfigHook(),
      workflowInterceptorModules: workflowTracingModules(),
    });
    writeFileSync(join(__dirname, PREBUILT_BUNDLE), code);
    console.log(`workflow bundle written to ${join(__dirname, PREBUILT_BUNDLE)}`);
  });
} else {
  // One process: health over HTTP, the Kafka→Temporal bridge and the Temporal worker.
  serve(orchestratorService, (config) => OrchestratorModule.register(config));
}
