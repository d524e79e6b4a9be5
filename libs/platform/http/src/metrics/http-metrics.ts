import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { histogramOf } from './metrics-registry';

/** The route a request matched, as its template (`/returnees/:id`), never the raw path (ids). */
export function routeLabel(
  request: Pick<Request, 'baseUrl'> & { route?: { path?: unknown } },
): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` || '/' : 'unmatched';
}

/**
 * Records every answered request: rate, latency and status by method and route template; the
 * request's trace span (when tracing is on) is named by the same template, never the raw path.
 */
export function httpMetrics() {
  const duration = histogramOf(
    'http_server_request_duration_seconds',
    'HTTP requests by method, route template and status: count and latency',
    ['method', 'route', 'status'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = duration.startTimer();
    response.on('finish', () => {
      const route = routeLabel(request);
      stop({ method: request.method, route, status: String(response.statusCode) });
      const span = trace.getActiveSpan();
      span?.updateName(`${request.method} ${route}`);
      span?.setAttribute('http.route', route);
    });
    next();
  };
}
