import { trace } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import { activeTraceContext } from './trace-context';
import {
  currentTracing,
  incomingWithoutQuery,
  outgoingWithoutQuery,
  startTracing,
  workflowSpanProcessor,
} from './tracing';

describe('tracing set-up', () => {
  it('stays off without an OTLP endpoint: no provider, no context to propagate', () => {
    expect(startTracing('intake', undefined)).toBeUndefined();
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
});
