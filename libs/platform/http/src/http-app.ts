import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, text } from 'express';
import { type ApiDescription, setupOpenApi } from './openapi/document';

/** Largest JSON body a route accepts unless it is declared a large-body route (→ 413). */
export const BODY_LIMIT = '256kb';

/** A route that takes uploads (JSON or CSV) larger than BODY_LIMIT, e.g. arrival lists. */
export interface LargeBodyRoute {
  readonly path: string;
  readonly limit: string;
}

export interface HttpAppOptions {
  readonly api: ApiDescription;
  readonly largeBodyRoutes?: readonly LargeBodyRoute[];
}

/**
 * What every HTTP app gets before it listens, in production and in in-process tests alike: body
 * limits (JSON everywhere, CSV only on large-body routes) and the API document at `/docs`.
 */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): void {
  for (const route of options.largeBodyRoutes ?? []) {
    // Parsed here first; the general parser below then skips the already-read body.
    app.use(
      route.path,
      json({ limit: route.limit }),
      text({ type: 'text/csv', limit: route.limit }),
    );
  }
  (app as NestExpressApplication).useBodyParser('json', { limit: BODY_LIMIT });
  setupOpenApi(app, options.api);
}
