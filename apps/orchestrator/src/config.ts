import { z } from 'zod';
import { type ConfigOf, temporalConfigSpec, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'orchestrator';

export const orchestratorConfigSpec = {
  ...foundationConfigSpec({ port: 3102, database: 'orchestrator', name: SERVICE_NAME }),
  ...temporalConfigSpec(),
  ...outboxConfigSpec(),
  // The bridge keeps its inbox row and its signal-with-start in one transaction, so every event in
  // flight holds a pooled connection for a Temporal round trip: the pool bounds the bridge. At most
  // CONSUMER_CONCURRENCY events per partition, three partitions at once (48), are in flight; the
  // pool leaves 16 for the worker's activities. Measured 2026-12-05, a burst of 300 paths against a
  // bare start loop of 16: concurrency 8 with pool 32 reached 0.73–0.77 of its rate, 16 with 32
  // 0.86–0.90 (the pool full), 16 with 64 0.83–0.92 over five runs (0.67–0.82 of the engine given
  // the same burst at once); 32 a partition gained nothing and doubled the paced tail.
  ...consumerConfigSpec(SERVICE_NAME, { concurrency: 16 }),
  DATABASE_POOL_SIZE: variable(
    z.coerce.number().int().min(1).max(200).default(64),
    'Maximum connections in the application pool (the orchestrator: events in flight in the bridge hold one each across their Temporal call, beside the worker activities; keep it above 3 × CONSUMER_CONCURRENCY).',
  ),
  DIRECTORY_URL: variable(
    z.url(),
    'Base URL of the service directory, which answers "which provider next" when a referral re-routes.',
    { devDefault: 'http://127.0.0.1:3109' },
  ),
  DIRECTORY_ACCESS_TOKEN: variable(
    z.string().min(1).optional(),
    "Bearer token the orchestrator presents to the directory (a service account's token with the national-supervisor role). Unset in development: a token of the demo user `supervisora-nacional` is fetched from DEV_IDENTITY_URL.",
    { secret: true },
  ),
  DEV_IDENTITY_URL: variable(
    z.url().optional(),
    'Development identity provider the orchestrator gets its directory token from when DIRECTORY_ACCESS_TOKEN is unset; never set in production.',
    { devDefault: 'http://127.0.0.1:3100' },
  ),
  TEMPORAL_METRICS_PORT: variable(
    z.coerce.number().int().min(0).max(65535).default(0),
    "Loopback port where the Temporal worker serves its own metrics (workflow task latency, sticky cache size, slots); GET /metrics includes them. 0: not collected. One per process (the SDK's runtime is process-wide).",
  ),
  WORKFLOW_CACHE_SIZE: variable(
    // 50, measured (reintegration-path benchmark, quiet 2-core machine, 2026-12-05): RSS 476–504
    // MiB at 1,000–10,000 open paths against 594–664 MiB with 100 (the aim is under 600 MiB
    // whatever the open paths); the bridge's rate and an evicted path's replay (79–89 ms p50 against
    // 12 ms cached) unchanged. Paths wait days between events, so at thousands open almost every
    // event replays either way; the cache serves the minutes after a registration.
    z.coerce.number().int().min(2).max(100_000).default(50),
    "Paths the worker keeps in memory between events (Temporal's sticky workflow cache); a path evicted from it is replayed from its history on its next event. Bounds the worker's memory whatever the number of open paths (see the reintegration-path benchmark for the measured cost per cached path and per replay).",
  ),
  WORKFLOW_HEAP_MB: variable(
    // Measured (reintegration-path benchmark, 2,000 open paths, 2026-12-05): 500 cached paths in
    // 628 MiB ran out of memory; 300 in 728 MiB did not. Between 1 and 2 MiB a cached path.
    z.coerce.number().int().min(64).max(16_384).optional(),
    "Old-generation heap of the worker's workflow thread, in MiB (unset: 128 + 2 per cached path). Without it V8 sizes that heap from the machine's memory (about 4 GiB) and collects what evicted paths leave behind only near that limit, so the process grows with every path opened. Too small for WORKFLOW_CACHE_SIZE and the worker stops (out of memory): raise both together.",
  ),
  WORKFLOW_BUNDLE_PATH: variable(
    z.string().optional(),
    'Prebuilt workflow bundle (built by `nx run orchestrator:bundle-workflows`); bundled from source at start when unset and absent.',
  ),
};

export type OrchestratorConfig = ConfigOf<typeof orchestratorConfigSpec>;
