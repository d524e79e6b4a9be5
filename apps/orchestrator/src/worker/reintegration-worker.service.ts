import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { APP_CONFIG, temporalTlsOptions } from '@reintegra/platform-config';
import { HealthRegistry, registerMetricsText } from '@reintegra/platform-http';
import {
  findWorkspaceRoot,
  tracingWorkerOptions,
  workflowTracingModules,
  workspaceWebpackConfigHook,
} from '@reintegra/platform-temporal';
import type { OrchestratorConfig } from '../config';
import { PathActivitiesProvider } from '../path-activities/path-activities.service';

/** Where `nx run orchestrator:bundle-workflows` writes the prebuilt bundle (beside main.js). */
export const PREBUILT_BUNDLE = 'workflow-bundle.js';

/** Source entry of the workflows, for bundling at start in development and tests. */
export function workflowsSourcePath(): string {
  return join(findWorkspaceRoot(), 'apps/orchestrator/src/workflows/index.ts');
}

/** The workflow thread's heap: the setting, else room for the cache on top of a base. */
export function workflowHeapMb(
  config: Pick<OrchestratorConfig, 'WORKFLOW_HEAP_MB' | 'WORKFLOW_CACHE_SIZE'>,
): number {
  return config.WORKFLOW_HEAP_MB ?? 128 + 2 * config.WORKFLOW_CACHE_SIZE;
}

/**
 * The SDK runs workflows in a worker thread it creates without resource limits, so V8 sizes its
 * heap from the machine (about 4 GiB) and collects evicted paths only near that. A V8 flag set
 * before the thread starts applies to the isolates created from then on (this process's main
 * isolate keeps its own limit); the thread is created by Worker.create, just after this.
 */
export function boundWorkflowThreadHeap(megabytes: number): void {
  setFlagsFromString(`--max-old-space-size=${megabytes}`);
}

/**
 * Hosts the Temporal worker of the reintegration paths inside the orchestrator process.
 * Its activities are Nest providers (PathActivitiesProvider), so they share the app's database
 * pool, outbox and configuration.
 */
@Injectable()
export class ReintegrationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReintegrationWorker.name);
  private worker: Worker | undefined;
  private connection: NativeConnection | undefined;
  private running: Promise<void> | undefined;
  private unregisterMetrics: (() => void) | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: OrchestratorConfig,
    private readonly registry: HealthRegistry,
    private readonly pathActivities: PathActivitiesProvider,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.exposeWorkerMetrics();
    const tls = temporalTlsOptions(this.config);
    this.connection = await NativeConnection.connect({
      address: this.config.TEMPORAL_ADDRESS,
      ...(tls ? { tls } : {}),
    });
    boundWorkflowThreadHeap(workflowHeapMb(this.config));
    const prebuilt = this.config.WORKFLOW_BUNDLE_PATH ?? join(__dirname, PREBUILT_BUNDLE);
    const usePrebuilt = existsSync(prebuilt);
    this.worker = await Worker.create({
      // Workflow spans go out through the sinks; the prebuilt bundle carries their interceptors.
      ...tracingWorkerOptions(usePrebuilt ? [] : workflowTracingModules()),
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: this.pathActivities.activities(),
      // Bounded: memory stays flat in the number of open paths; an evicted path replays on its next
      // event. Workflow tasks in flight cannot exceed the cache (the SDK's rule).
      maxCachedWorkflows: this.config.WORKFLOW_CACHE_SIZE,
      maxConcurrentWorkflowTaskExecutions: Math.min(40, this.config.WORKFLOW_CACHE_SIZE),
      ...(usePrebuilt
        ? { workflowBundle: { codePath: prebuilt } }
        : {
            workflowsPath: workflowsSourcePath(),
            bundlerOptions: { webpackConfigHook: workspaceWebpackConfigHook() },
          }),
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) =>
      this.logger.error({ msg: 'Temporal worker stopped', error: (error as Error).message }),
    );
    this.registry.register('temporal-worker', async () => {
      const state = this.worker?.getState();
      if (state !== 'RUNNING') throw new Error(`worker is ${state ?? 'not created'}`);
    });
    this.logger.log({
      msg: 'Temporal worker running',
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      cachedPaths: this.config.WORKFLOW_CACHE_SIZE,
      workflowHeapMb: workflowHeapMb(this.config),
    });
  }

  /**
   * The SDK's core measures what only it sees (workflow task latency, sticky cache, slots) and
   * serves it on its own port; /metrics appends that page so the orchestrator is one scrape target.
   */
  private exposeWorkerMetrics(): void {
    const port = this.config.TEMPORAL_METRICS_PORT;
    if (!port) return;
    const bindAddress = `127.0.0.1:${port}`;
    Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress } } } });
    this.unregisterMetrics = registerMetricsText(async () => {
      const response = await fetch(`http://${bindAddress}/metrics`, {
        signal: AbortSignal.timeout(2_000),
      });
      return response.ok ? response.text() : '';
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unregisterMetrics?.();
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
