import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
} from '@reintegra/platform-config';
import { authConfigSpec } from '@reintegra/platform-auth';

export const SERVICE_NAME = 'victim-support';

export const victimSupportConfigSpec = {
  ...serviceConfigSpec(3105),
  ...databaseConfigSpec('victim_support'),
  ...kafkaConfigSpec('victim-support'),
  ...authConfigSpec(),
};

export type VictimSupportConfig = ConfigOf<typeof victimSupportConfigSpec>;
