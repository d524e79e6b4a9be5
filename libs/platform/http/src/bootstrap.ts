import { type DynamicModule, type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { failedAuthThrottle } from './failed-auth-throttle';
import { configureHttpApp, type HttpAppOptions } from './http-app';
import { enableProcessMetrics } from './metrics/metrics-registry';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Register in an app module so every route (and tests) answer errors as problem+json. */
export const problemDetailsProvider = { provide: APP_FILTER, useClass: ProblemDetailsFilter };

export interface HttpServiceOptions extends HttpAppOptions {
  service: string;
  host: string;
  port: number;
  /** Refused-credential answers per client address and minute before 429; 0 or absent: no limit. */
  failedAuthPerMinute?: number;
  /** Hook to attach microservice transports (e.g. Kafka) before listening. */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

/** Creates, wires and starts a service: JSON logs, shutdown hooks, body limits, API docs, listen. */
export async function startHttpService(
  rootModule: DynamicModule,
  options: HttpServiceOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bufferLogs: true });
  enableProcessMetrics();
  app.useLogger(app.get(Logger));
  // Processes only: in-process test apps run access matrices of hundreds of refusals.
  if (options.failedAuthPerMinute) {
    app.use(failedAuthThrottle({ limit: options.failedAuthPerMinute, windowMs: 60_000 }));
  }
  configureHttpApp(app, options);
  app.enableShutdownHooks();
  await options.beforeListen?.(app);
  await app.listen(options.port, options.host);
  new NestLogger('Bootstrap').log(
    `${options.service} listening on http://${options.host}:${options.port} (health: /health, API: /docs)`,
  );
  return app;
}

/**
 * Runs a process entry with a clear message and exit status on failure (invalid configuration,
 * unreachable dependency). `exitWhenDone` for commands (migrate); servers keep running.
 */
export function runMain(
  name: string,
  main: () => Promise<unknown>,
  { exitWhenDone = true }: { exitWhenDone?: boolean } = {},
): void {
  main().then(
    () => {
      if (exitWhenDone) process.exit(0);
    },
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
