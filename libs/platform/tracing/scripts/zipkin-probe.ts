/**
 * The local trace viewer end to end: starts this repository's tracing (libs/platform/tracing) with
 * OTEL_EXPORTER_ZIPKIN_ENDPOINT, records one span tagged with a made-up case id, and
 * waits until Zipkin's UI API (/zipkin/api/v2/traces) finds the trace by that tag. Run by
 * tools/scripts/check-zipkin.sh; exits non-zero when the trace never shows up.
 */
import { trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { startTracing } from '../src/tracing';

async function main(): Promise<void> {
  const zipkin = process.env['OTEL_EXPORTER_ZIPKIN_ENDPOINT'];
  if (!zipkin) throw new Error('OTEL_EXPORTER_ZIPKIN_ENDPOINT is not set');
  const tracing = startTracing('zipkin-probe', { zipkin });
  if (!tracing) throw new Error('tracing did not start');
  const caseId = randomUUID();
  // One span tagged with the case id, as the services' request and message spans are.
  trace
    .getTracer('zipkin-probe')
    .startActiveSpan('probe', { attributes: { 'case.id': caseId } }, (span) => span.end());
  await tracing.shutdown();
  const query = new URLSearchParams({ annotationQuery: `case.id=${caseId}`, lookback: '3600000' });
  const url = `${zipkin.replace(/\/$/, '')}/zipkin/api/v2/traces?${query.toString()}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const traces = (await (await fetch(url)).json()) as { name?: string }[][];
    const spans = traces.flat();
    if (spans.length > 0) {
      console.log(
        `zipkin: ${traces.length} trace(s), ${spans.length} span(s) for case.id=${caseId}`,
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`zipkin never returned the trace tagged case.id=${caseId} (${url})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
