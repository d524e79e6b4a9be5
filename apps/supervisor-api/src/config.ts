import { z } from 'zod';
import { type ConfigOf, temporalConfigSpec, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'supervisor-api';

export const supervisorApiConfigSpec = {
  ...foundationConfigSpec({ port: 3106, database: 'supervisor', name: SERVICE_NAME }),
  ...temporalConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  // Many reads at once: a parallel plan's workers compete with the other requests for the same
  // cores. Measured with pgbench on 2 cores, 50,000 cases, 4 clients repeating the overdue-list
  // count: 68/s, 58 ms average with PostgreSQL's default of 2; 127/s, 31 ms with 0.
  DATABASE_PARALLEL_WORKERS: variable(
    z.coerce.number().int().min(0).max(16).default(0),
    'Parallel workers one dashboard query may use (PostgreSQL `max_parallel_workers_per_gather`); 0 suits many concurrent readers, raise it where the database has idle cores.',
  ),
  INTAKE_URL: variable(
    z.url(),
    'Base URL of the intake API, where plan approvals and closures are sent (with the supervisor’s own token).',
    { devDefault: 'http://127.0.0.1:3101' },
  ),
  COMMUNITY_URL: variable(
    z.url(),
    'Base URL of the community inclusion API, asked for the pulse survey aggregates (with the supervisor’s own token).',
    { devDefault: 'http://127.0.0.1:3110' },
  ),
  SUPERVISOR_WEB_DIR: variable(
    z.string().min(1).optional(),
    'Folder of the built dashboard (supervisor-web), served at `/`; unset serves the API only.',
    { devDefault: 'dist/apps/supervisor-web' },
  ),
  DEV_IDENTITY_URL: variable(
    z.url().optional(),
    'Development identity provider; when set, the dashboard offers its demo users at login. Never set in production.',
    { devDefault: `http://127.0.0.1:${process.env['DEV_IDENTITY_PORT'] ?? '3100'}` },
  ),
  TRACE_VIEWER_URL: variable(
    z.url().optional(),
    'Base URL of the trace viewer (Zipkin, e.g. http://127.0.0.1:59411) for the case page’s link to a case’s traces; unset: no link.',
  ),
  OIDC_ISSUER: variable(
    z.url().optional(),
    'Issuer of the OpenID Connect provider the dashboard signs people in with (authorization code + PKCE, as the browser reaches it); unset offers no provider sign-in.',
  ),
  OIDC_CLIENT_ID: variable(
    z.string().min(1).default('supervisor-web'),
    'Public client id of the dashboard at that provider.',
  ),
  DEADLINE_SWEEP_INTERVAL_MS: variable(
    z.coerce.number().int().min(100).max(3_600_000).default(15_000),
    'How often acknowledgement deadlines are checked for breaches (live alerts).',
  ),
};

export type SupervisorApiConfig = ConfigOf<typeof supervisorApiConfigSpec>;
