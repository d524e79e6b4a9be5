import { z } from 'zod';
import { type ConfigOf, temporalConfigSpec, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'intake';

export const intakeConfigSpec = {
  ...foundationConfigSpec({ port: 3101, database: 'intake', name: SERVICE_NAME }),
  ...temporalConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  VICTIM_SUPPORT_HOLD_MAX_MS: variable(
    z.coerce.number().int().min(2_000).max(86_400_000).default(900_000),
    'Longest a victim-support event is held before it is sent (ms); each waits a random time between half this and this, so a reference cannot be joined to its case by time.',
  ),
};

export type IntakeConfig = ConfigOf<typeof intakeConfigSpec>;
