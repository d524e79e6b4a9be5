import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  type OpenTelemetrySinks,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import { join } from 'node:path';
import { workflowSpanProcessor } from '@reintegra/platform-tracing';
import { findWorkspaceRoot } from './workflow-bundle';

/**
 * The workflow interceptors of tracing (workflow-tracing.interceptors.ts), bundled into the
 * workflow sandbox by `bundle-workflows` and by a worker that bundles at start; a path because
 * the bundler reads it.
 */
export function workflowTracingModules(workspaceRoot = findWorkspaceRoot()): string[] {
  return [join(workspaceRoot, 'libs/platform/temporal/src/workflow-tracing.interceptors.ts')];
}

/**
 * Client interceptors: the trace context of the caller (an HTTP request, a consumed event) goes
 * into the headers of start, signal, signal-with-start, update and query, so workflow spans are
 * its children. A no-op while tracing is off.
 */
export function tracingClientInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/**
 * What a worker adds for traces: activity spans (children of the workflow's schedule span) and the
 * `exporter` sink through which the sandbox hands its workflow spans to this process's exporter
 * (dropped while tracing is off: the bundle always carries the workflow interceptors).
 */
export function tracingWorkerOptions(workflowModules: string[] = []): {
  interceptors: WorkerInterceptors;
  sinks: InjectedSinks<OpenTelemetrySinks>;
} {
  const { spanProcessor, resource } = workflowSpanProcessor();
  return {
    interceptors: {
      workflowModules,
      client: tracingClientInterceptors(),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
  };
}
