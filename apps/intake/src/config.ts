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

export const SERVICE_NAME = 'intake';

export const intakeConfigSpec = {
  ...serviceConfigSpec(3101),
  ...databaseConfigSpec('intake'),
  ...kafkaConfigSpec('intake'),
  ...authConfigSpec(),
  ...temporalConfigSpec(),
  OUTBOX_POLL_INTERVAL_MS: variable(
    z.coerce.number().int().min(10).max(60_000).default(250),
    'How often the outbox relay looks for unpublished events when idle (ms).',
  ),
};

export type IntakeConfig = ConfigOf<typeof intakeConfigSpec>;
