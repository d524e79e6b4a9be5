import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
} from '@reintegra/platform-config';

export const SERVICE_NAME = 'victim-support';

export const victimSupportConfigSpec = {
  ...serviceConfigSpec(3105),
  ...databaseConfigSpec('victim_support'),
  ...kafkaConfigSpec('victim-support'),
};

export type VictimSupportConfig = ConfigOf<typeof victimSupportConfigSpec>;
