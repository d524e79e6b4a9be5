import { z } from 'zod';
import { kafkaSecurityConfigSpec, temporalTlsConfigSpec } from './connection-security';
import { type ConfigSpec, variable } from './variable';

export { type ConfigOf, type ConfigSpec, type ConfigVariable, variable } from './variable';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables every service reads. */
export function serviceConfigSpec(defaultPort: number) {
  return {
    NODE_ENV: variable(
      z.enum(['development', 'test', 'production']).default('development'),
      'Runtime mode; `production` disables development defaults.',
    ),
    LOG_LEVEL: variable(
      z.enum(LOG_LEVELS).default('info'),
      'Minimum log level (JSON logs on stdout).',
    ),
    HTTP_HOST: variable(
      z.string().min(1).default('127.0.0.1'),
      'Address the HTTP server binds to.',
    ),
    HTTP_PORT: variable(
      z.coerce.number().int().min(0).max(65535).default(defaultPort),
      `HTTP port (health, API). Default ${defaultPort}.`,
    ),
    AUTH_FAILURES_PER_MINUTE: variable(
      z.coerce.number().int().min(0).default(30),
      'Refused-credential (401) answers one client address may cause per minute before it gets 429; 0 turns the limit off.',
    ),
    METRICS_TOKEN: variable(
      z.string().min(16).optional(),
      'Bearer token Prometheus presents on GET /metrics; unset: /metrics answers anyone who reaches it (keep it on the internal network).',
      { secret: true },
    ),
    OTEL_EXPORTER_OTLP_ENDPOINT: variable(
      z.url().optional(),
      'Base URL of an OTLP/HTTP trace receiver (Tempo, Jaeger, an OpenTelemetry Collector); spans go to <url>/v1/traces. Unset: no OTLP export.',
    ),
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: variable(
      z.url().optional(),
      'Base URL of a Zipkin server (the local stack: http://127.0.0.1:59411); spans go to <url>/api/v2/spans. Unset: no Zipkin export. With neither endpoint no traces are recorded.',
    ),
  } satisfies ConfigSpec;
}

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// URL');

const postgresDevUrl = (database: string, role: 'app' | 'migrator') =>
  `postgres://${database}_${role}:${database}_${role}_pw@127.0.0.1:${process.env['PG_PORT'] ?? '55432'}/${database}`;

/** Database of one service, reached with its application role (DML only). */
export function databaseConfigSpec(database: string) {
  return {
    DATABASE_URL: variable(
      postgresUrl,
      `PostgreSQL URL of the application role (DML only) for the \`${database}\` database.`,
      { secret: true, devDefault: postgresDevUrl(database, 'app') },
    ),
    DATABASE_POOL_SIZE: variable(
      z.coerce.number().int().min(1).max(100).default(10),
      'Maximum connections in the application pool.',
    ),
    DATABASE_PARALLEL_WORKERS: variable(
      z.coerce.number().int().min(0).max(16).optional(),
      "Parallel workers one query may use on this service's connections (PostgreSQL `max_parallel_workers_per_gather`); unset: the server's setting.",
    ),
  } satisfies ConfigSpec;
}

/** What the `migrate` process reads: the migration role owns the schema; the app never gets it. */
export function migrationConfigSpec(database: string) {
  return {
    NODE_ENV: serviceConfigSpec(0).NODE_ENV,
    DATABASE_MIGRATION_URL: variable(
      postgresUrl,
      `PostgreSQL URL of the migration role (owns the schema) for \`${database}\`; read only by \`migrate\`.`,
      { secret: true, devDefault: postgresDevUrl(database, 'migrator') },
    ),
  } satisfies ConfigSpec;
}

export function kafkaConfigSpec(clientId: string) {
  return {
    KAFKA_BROKERS: variable(
      z
        .string()
        .min(1)
        .transform((value) =>
          value
            .split(',')
            .map((broker) => broker.trim())
            .filter(Boolean),
        ),
      'Comma-separated Kafka bootstrap brokers (host:port).',
      { devDefault: `127.0.0.1:${process.env['KAFKA_PORT'] ?? '59092'}` },
    ),
    KAFKA_CLIENT_ID: variable(
      z.string().min(1).default(clientId),
      'Kafka client id of this service.',
    ),
    ...kafkaSecurityConfigSpec(),
  } satisfies ConfigSpec;
}

export function temporalConfigSpec() {
  return {
    TEMPORAL_ADDRESS: variable(z.string().min(1), 'Temporal frontend address (host:port).', {
      devDefault: `127.0.0.1:${process.env['TEMPORAL_PORT'] ?? '57233'}`,
    }),
    TEMPORAL_NAMESPACE: variable(z.string().min(1).default('reintegra'), 'Temporal namespace.'),
    TEMPORAL_TASK_QUEUE: variable(
      z.string().min(1).default('reintegration-paths'),
      'Task queue of the reintegration path workflows.',
    ),
    TEMPORAL_UI_URL: variable(
      z.url().optional(),
      'Base URL of the Temporal web UI, for links to a workflow.',
      { devDefault: `http://127.0.0.1:${process.env['TEMPORAL_UI_PORT'] ?? '58233'}` },
    ),
    ...temporalTlsConfigSpec(),
  } satisfies ConfigSpec;
}
