import { type Attributes, diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { IncomingMessage, RequestOptions } from 'node:http';

/** What the Temporal worker needs to export workflow spans through its sinks. */
export interface Tracing {
  readonly resource: Resource;
  readonly spanProcessor: SpanProcessor;
  shutdown(): Promise<void>;
}

/** Routes polled by probes and scrapers: a span each would drown the real requests. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

let active: Tracing | undefined;

/** Where this process's spans go; each receiver that is set gets every span. */
export interface TraceReceivers {
  /** Base URL of an OTLP/HTTP receiver: spans go to `<url>/v1/traces`. */
  otlp?: string | undefined;
  /** Base URL of a Zipkin server: spans go to `<url>/api/v2/spans` (Zipkin v2 JSON). */
  zipkin?: string | undefined;
}

const withoutSlash = (url: string) => url.replace(/\/$/, '');

/** The exporters for the receivers that are set (none: tracing stays off). */
export function traceExporters(receivers: TraceReceivers): SpanExporter[] {
  const exporters: SpanExporter[] = [];
  if (receivers.otlp) {
    exporters.push(new OTLPTraceExporter({ url: `${withoutSlash(receivers.otlp)}/v1/traces` }));
  }
  if (receivers.zipkin) {
    exporters.push(new ZipkinExporter({ url: `${withoutSlash(receivers.zipkin)}/api/v2/spans` }));
  }
  return exporters;
}

/** One processor for the Temporal worker's sinks that hands every span to each receiver's batch. */
class EachProcessor implements SpanProcessor {
  constructor(private readonly processors: SpanProcessor[]) {}
  onStart(...args: Parameters<SpanProcessor['onStart']>): void {
    for (const processor of this.processors) processor.onStart(...args);
  }
  onEnd(...args: Parameters<SpanProcessor['onEnd']>): void {
    for (const processor of this.processors) processor.onEnd(...args);
  }
  async forceFlush(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.forceFlush()));
  }
  async shutdown(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.shutdown()));
  }
}

/**
 * Starts tracing for this process (call once, before the service's modules open connections):
 * HTTP server and client spans, PostgreSQL spans under them, W3C trace context, and a batch
 * exporter per receiver: OTLP/HTTP (`<otlp>/v1/traces`) and Zipkin (`<zipkin>/api/v2/spans`, the
 * local stack's viewer). Without a receiver nothing is recorded and the OpenTelemetry API stays a
 * no-op. No personal data: query strings are cut from every HTTP attribute, and SQL parameters are
 * never recorded (`enhancedDatabaseReporting` off).
 */
export function startTracing(service: string, receivers: TraceReceivers): Tracing | undefined {
  if (active) return active;
  const exporters = traceExporters(receivers);
  if (exporters.length === 0) return undefined;
  // The SDK's own problems (an unreachable receiver) as warnings on stderr, never its chatter.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const resource = new Resource({ 'service.name': service, 'service.namespace': 'reintegra' });
  const batches = exporters.map((exporter) => new BatchSpanProcessor(exporter));
  const [only] = batches;
  const spanProcessor = only && batches.length === 1 ? only : new EachProcessor(batches);
  const provider = new NodeTracerProvider({ resource, spanProcessors: batches });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        startIncomingSpanHook: incomingWithoutQuery,
        startOutgoingSpanHook: outgoingWithoutQuery,
      }),
      // Only inside a request, an event or an activity: the outbox relay's idle polls stay silent.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  active = {
    resource,
    spanProcessor,
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}

/** The process's tracing, when started; the Temporal worker exports workflow spans through it. */
export function currentTracing(): Tracing | undefined {
  return active;
}

/** A span processor for the workflow sinks when tracing is off: workflow spans are dropped. */
export function workflowSpanProcessor(): { resource: Resource; spanProcessor: SpanProcessor } {
  return active ?? { resource: Resource.empty(), spanProcessor: new NoopSpanProcessor() };
}

const pathOf = (target: string | null | undefined) => (target ?? '/').split('?')[0] || '/';

/**
 * An incoming request's `http.target` and `http.url` without the query string: a search's query
 * may hold a name or a DUI, and span attributes leave the municipality's network.
 */
export function incomingWithoutQuery(request: IncomingMessage): Attributes {
  const path = pathOf(request.url);
  return {
    'http.target': path,
    'http.url': `http://${request.headers.host ?? 'localhost'}${path}`,
  };
}

/** The same for a request this service makes. */
export function outgoingWithoutQuery(request: RequestOptions): Attributes {
  const path = pathOf(request.path);
  const host = request.hostname ?? request.host ?? 'localhost';
  const port = request.port ? `:${request.port}` : '';
  return {
    'http.target': path,
    'http.url': `${request.protocol ?? 'http:'}//${host}${port}${path}`,
  };
}
