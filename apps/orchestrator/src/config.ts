import { z } from 'zod';
import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
  temporalConfigSpec,
  variable,
} from '@reintegra/platform-config';
import { authConfigSpec } from '@reintegra/platform-auth';

export const SERVICE_NAME = 'orchestrator';

export const orchestratorConfigSpec = {
  ...serviceConfigSpec(3102),
  ...databaseConfigSpec('orchestrator'),
  ...kafkaConfigSpec('orchestrator'),
  ...authConfigSpec(),
  ...temporalConfigSpec(),
  KAFKA_CONSUMER_GROUP: variable(
    z.string().min(1).default('orchestrator'),
    'Consumer group of the Kafka→Temporal bridge (also the inbox consumer name).',
  ),
  CONSUMER_MAX_ATTEMPTS: variable(
    z.coerce.number().int().min(1).max(20).default(5),
    'Attempts for a transiently failing event before it goes to the dead-letter topic.',
  ),
  WORKFLOW_BUNDLE_PATH: variable(
    z.string().optional(),
    'Prebuilt workflow bundle (built by `nx run orchestrator:bundle-workflows`); bundled from source at start when unset and absent.',
  ),
};

export type OrchestratorConfig = ConfigOf<typeof orchestratorConfigSpec>;
