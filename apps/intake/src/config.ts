import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
  temporalConfigSpec,
} from '@reintegra/platform-config';
import { authConfigSpec } from '@reintegra/platform-auth';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'intake';

export const intakeConfigSpec = {
  ...serviceConfigSpec(3101),
  ...databaseConfigSpec('intake'),
  ...kafkaConfigSpec('intake'),
  ...authConfigSpec(),
  ...temporalConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec('intake'),
};

export type IntakeConfig = ConfigOf<typeof intakeConfigSpec>;
