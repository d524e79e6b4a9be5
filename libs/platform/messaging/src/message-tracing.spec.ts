import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { activeTraceContext } from '@reintegra/platform-tracing';
import { PublishSpans, withConsumerSpan } from './message-tracing';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const position = { topic: 'reintegra.intake.returnees', partition: 2, offset: '41' };
const caseId = '317fac73-f014-46b1-aa4c-5f22769c3f09';

beforeAll(() => provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

describe('trace context across Kafka', () => {
  it('continues the writer’s trace in the relay and hands the producer span on in the headers', async () => {
    // The request that wrote the outbox row, long finished when the relay runs.
    const request = trace.getTracer('test').startSpan('POST /returnees');
    const written = context.with(trace.setSpan(context.active(), request), activeTraceContext);
    request.end();
    expect(written.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const spans = new PublishSpans();
    const headers = spans.start({ topic: position.topic, eventId: 'e-1', caseId, ...written });
    spans.end();
    const consumedIn = await withConsumerSpan(
      position,
      { traceparent: Buffer.from(headers['traceparent'] ?? '') },
      async () => activeTraceContext(),
    );

    const [, publish, consume] = exporter.getFinishedSpans();
    expect(publish?.name).toBe('reintegra.intake.returnees publish');
    expect(publish?.parentSpanId).toBe(request.spanContext().spanId);
    expect(publish?.attributes['case.id']).toBe(caseId);
    expect(headers['traceparent']).toContain(publish?.spanContext().spanId);
    expect(consume?.name).toBe('reintegra.intake.returnees process');
    expect(consume?.parentSpanId).toBe(publish?.spanContext().spanId);
    expect(consume?.spanContext().traceId).toBe(request.spanContext().traceId);
    // What the handler writes or starts continues from the consumer span.
    expect(consumedIn.traceparent).toContain(consume?.spanContext().spanId);
  });

  it('falls back to the context kept in the event when a relay sent no headers', async () => {
    const request = trace.getTracer('test').startSpan('POST /returnees');
    const written = context.with(trace.setSpan(context.active(), request), activeTraceContext);
    request.end();
    await withConsumerSpan(position, {}, async () => undefined, written);
    const consume = exporter.getFinishedSpans().find((span) => span.name.endsWith(' process'));
    expect(consume?.parentSpanId).toBe(request.spanContext().spanId);
  });

  it('starts a new trace for a message without trace context, and records a failure', async () => {
    await expect(
      withConsumerSpan(position, {}, () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    const [consume] = exporter.getFinishedSpans();
    expect(consume?.parentSpanId).toBeUndefined();
    expect(consume?.status.message).toBe('database down');
  });
});
