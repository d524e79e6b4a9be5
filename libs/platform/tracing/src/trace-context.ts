import { type Context, context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** W3C trace context as it travels in a CloudEvent (distributed tracing extension) or a header. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The active span's trace context (empty when tracing is off or no span is active). */
export function activeTraceContext(): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
  };
}

/** The remote parent a carrier names (the root context when it names none). */
export function contextFrom(carrier: TraceCarrier): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}
