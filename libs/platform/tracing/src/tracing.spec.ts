import { trace } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { activeTraceContext } from './trace-context';
import {
  currentTracing,
  incomingWithoutQuery,
  outgoingWithoutQuery,
  startTracing,
  traceExporters,
  type TraceReceivers,
  workflowSpanProcessor,
} from './tracing';

describe('tracing set-up', () => {
  it('stays off without a receiver: no provider, no context to propagate', () => {
    expect(startTracing('intake', {})).toBeUndefined();
    expect(currentTracing()).toBeUndefined();
    const span = trace.getTracer('test').startSpan('POST /returnees');
    expect(span.isRecording()).toBe(false);
    expect(activeTraceContext()).toEqual({});
    // The worker's sinks still get a processor; it drops the workflow spans.
    expect(workflowSpanProcessor().spanProcessor.constructor.name).toBe('NoopSpanProcessor');
  });

  it('cuts the query string, where a search may carry a name or a DUI, from HTTP span attributes', () => {
    const incoming = {
      url: '/returnees?nombre=Mar%C3%ADa&dui=04567890-3',
      headers: { host: '127.0.0.1:3101' },
    } as unknown as IncomingMessage;
    expect(incomingWithoutQuery(incoming)).toEqual({
      'http.target': '/returnees',
      'http.url': 'http://127.0.0.1:3101/returnees',
    });
    expect(
      outgoingWithoutQuery({
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 3109,
        path: '/routing/next-provider?name=Jos%C3%A9',
      }),
    ).toEqual({
      'http.target': '/routing/next-provider',
      'http.url': 'http://127.0.0.1:3109/routing/next-provider',
    });
  });

  it('exports to each receiver that is set: OTLP/HTTP, Zipkin, both or none', () => {
    const names = (receivers: TraceReceivers) =>
      traceExporters(receivers).map((exporter) => exporter.constructor.name);
    expect(names({})).toEqual([]);
    expect(names({ otlp: 'http://127.0.0.1:4318' })).toEqual(['OTLPTraceExporter']);
    expect(names({ zipkin: 'http://127.0.0.1:59411' })).toEqual(['ZipkinExporter']);
    expect(names({ otlp: 'http://127.0.0.1:4318', zipkin: 'http://127.0.0.1:59411' })).toEqual([
      'OTLPTraceExporter',
      'ZipkinExporter',
    ]);
  });

  it('sends Zipkin v2 JSON to <endpoint>/api/v2/spans, the span attributes as tags', async () => {
    const received: { path?: string; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url, body });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const [exporter] = traceExporters({ zipkin: `http://127.0.0.1:${port}/` });
      if (!exporter) throw new Error('no Zipkin exporter');
      const provider = new BasicTracerProvider({
        resource: new Resource({ 'service.name': 'intake' }),
        spanProcessors: [new SimpleSpanProcessor(exporter)],
      });
      const caseId = '317fac73-f014-46b1-aa4c-5f22769c3f09';
      provider
        .getTracer('test')
        .startSpan('POST /returnees', { attributes: { 'case.id': caseId } })
        .end();
      await provider.forceFlush();
      expect(received.map((request) => request.path)).toEqual(['/api/v2/spans']);
      const [span] = JSON.parse(received[0]?.body ?? '[]') as {
        name: string;
        localEndpoint: { serviceName: string };
        tags: Record<string, string>;
      }[];
      expect(span?.name).toBe('POST /returnees');
      expect(span?.localEndpoint.serviceName).toBe('intake');
      expect(span?.tags['case.id']).toBe(caseId);
      await provider.shutdown();
    } finally {
      server.close();
    }
  });
});
