import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, raw, text } from 'express';
import { httpMetrics } from './metrics/http-metrics';
import { type ApiDescription, setupOpenApi } from './openapi/document';
import { refuseDeepJson, requireJsonBodies, securityHeaders } from './request-hardening';

/** Largest JSON body a route accepts unless it is declared a large-body route (→ 413). */
export const BODY_LIMIT = '256kb';

/** A route that takes uploads (JSON or CSV) larger than BODY_LIMIT, e.g. arrival lists. */
export interface LargeBodyRoute {
  readonly path: string;
  readonly limit: string;
}

/**
 * A route that deliberately takes raw bytes (a scanned document) instead of JSON: only the listed
 * types, only on exactly this path, read into a Buffer. What the bytes really are is the route's
 * job to check (from their magic numbers, never from the declared type).
 */
export interface BinaryBodyRoute {
  /** An Express path, parameters allowed: `/cases/:caseId/documents`. */
  readonly path: string;
  readonly types: readonly string[];
  /** Bytes, or a size such as `10mb`; larger bodies are refused with 413. */
  readonly limit: number | string;
}

export interface HttpAppOptions {
  readonly api: ApiDescription;
  readonly largeBodyRoutes?: readonly LargeBodyRoute[];
  readonly binaryBodyRoutes?: readonly BinaryBodyRoute[];
}

/**
 * What every HTTP app gets before it listens, in production and in in-process tests alike:
 * security headers, JSON-only bodies (CSV too on large-body routes, declared bytes on binary-body
 * routes; anything else 415) with size
 * and depth limits, and the API document at `/docs`.
 */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // Express's automatic weak ETag of a body is not a version: a client could not update with it.
  // Updatable resources answer their row version as a strong ETag themselves.
  express.set('etag', false);
  app.use(httpMetrics());
  app.use(securityHeaders);
  const largeBodyRoutes = options.largeBodyRoutes ?? [];
  // Before any parser: Nest's default urlencoded parser then never sees a form post.
  const binaryBodyRoutes = options.binaryBodyRoutes ?? [];
  app.use(
    requireJsonBodies([
      ...largeBodyRoutes.map(({ path }) => ({ path, types: ['text/csv'] })),
      ...binaryBodyRoutes.map(({ path, types }) => ({ path, types: [...types], exact: true })),
    ]),
  );
  for (const route of binaryBodyRoutes) {
    app.use(route.path, raw({ type: [...route.types], limit: route.limit }));
  }
  for (const route of largeBodyRoutes) {
    // Parsed here first; the general parser below then skips the already-read body.
    app.use(
      route.path,
      json({ limit: route.limit, verify: refuseDeepJson }),
      text({ type: 'text/csv', limit: route.limit }),
    );
  }
  express.useBodyParser('json', { limit: BODY_LIMIT, verify: refuseDeepJson });
  setupOpenApi(app, options.api);
}
