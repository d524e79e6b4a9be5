/**
 * Workflow tracing, bundled into the workflow sandbox (`workflowTracingModules()`); never imported
 * by Node code, so not exported from the library's index.
 *
 * Temporal's OpenTelemetry workflow interceptors, behind a patch: they add awaits around the
 * workflow function, handlers and commands, which would make histories recorded without them
 * (every path already running when this was deployed) fail to replay. A workflow task that replays
 * such a history takes the untraced branch; a new workflow, or new work on an old one, is traced.
 */
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { patched, type WorkflowInterceptors } from '@temporalio/workflow';

export const TRACING_PATCH = 'opentelemetry-tracing-v1';

const traced = () => patched(TRACING_PATCH);

export const interceptors = (): WorkflowInterceptors => {
  const inbound = new OpenTelemetryInboundInterceptor();
  const outbound = new OpenTelemetryOutboundInterceptor();
  return {
    // Validators and queries stay untraced: they may not record the patch's marker.
    inbound: [
      {
        execute: (input, next) => (traced() ? inbound.execute(input, next) : next(input)),
        handleSignal: (input, next) => (traced() ? inbound.handleSignal(input, next) : next(input)),
        handleUpdate: (input, next) => (traced() ? inbound.handleUpdate(input, next) : next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) =>
          traced() ? outbound.scheduleActivity(input, next) : next(input),
        startChildWorkflowExecution: (input, next) =>
          traced() ? outbound.startChildWorkflowExecution(input, next) : next(input),
        signalWorkflow: (input, next) =>
          traced() ? outbound.signalWorkflow(input, next) : next(input),
        continueAsNew: (input, next) =>
          traced() ? outbound.continueAsNew(input, next) : next(input),
      },
    ],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
