import type { ServiceDefinition } from '@reintegra/platform-service';
import { victimSupportConfigSpec, SERVICE_NAME } from './config';
import { victimSupportDataSource } from './database/victim-support-data-source';

export const victimSupportService: ServiceDefinition<typeof victimSupportConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: victimSupportConfigSpec,
  database: 'victim_support',
  dataSource: victimSupportDataSource,
  apiDescription:
    'Atención confidencial a sobrevivientes: solo referencias seudónimas. / Confidential victim support: care records by pseudonymous reference, need-to-know access.',
  publishesEvents: true,
  consumesEvents: true,
};
