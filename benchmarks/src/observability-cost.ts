import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What observability costs a service (issue 19): the benchmarks run a service as it is by default
 * (no trace export, nobody reading its metrics) beside one that exports every span over OTLP/HTTP
 * and whose `GET /metrics` is scraped every second (15× Prometheus' default interval, a harsh
 * case). The series themselves are recorded in both: they are always on.
 */

/** An OTLP/HTTP receiver that takes every export and counts it: tracing's cost to the sender. */
export async function traceSink(): Promise<{
  url: string;
  exports: () => number;
  close: () => void;
}> {
  let exports = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      exports += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, exports: () => exports, close: () => server.close() };
}

/** Reads `url` (a service's /metrics) every `everyMs` until stopped; returns the scrapes done. */
export function scrapeMetrics(url: string, everyMs = 1_000): { stop: () => Promise<number> } {
  let scrapes = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const response = await fetch(url).catch(() => undefined);
      if (response?.status === 200) {
        await response.text();
        scrapes += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return scrapes;
    },
  };
}

/**
 * Drops the shell's trace endpoints from this process's environment, which service processes
 * inherit: a service exports spans only where a benchmark asks for it.
 */
export function noInheritedTraceExport(): void {
  delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  delete process.env['OTEL_EXPORTER_ZIPKIN_ENDPOINT'];
}
