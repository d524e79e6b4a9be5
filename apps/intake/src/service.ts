import type { ServiceDefinition } from '@reintegra/platform-service';
import { intakeConfigSpec, SERVICE_NAME } from './config';
import { intakeDataSource } from './database/intake-data-source';

export const intakeService: ServiceDefinition<typeof intakeConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: intakeConfigSpec,
  database: 'intake',
  dataSource: intakeDataSource,
  temporalClient: true,
  publishesEvents: true,
  consumesEvents: true,
};
