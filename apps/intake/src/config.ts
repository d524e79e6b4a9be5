import { type ConfigOf, temporalConfigSpec } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'intake';

export const intakeConfigSpec = {
  ...foundationConfigSpec({ port: 3101, database: 'intake', name: SERVICE_NAME }),
  ...temporalConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
};

export type IntakeConfig = ConfigOf<typeof intakeConfigSpec>;
