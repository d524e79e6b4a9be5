import type { ServiceDefinition } from '@reintegra/platform-service';
import { orchestratorConfigSpec, SERVICE_NAME } from './config';
import { orchestratorDataSource } from './database/orchestrator-data-source';

export const orchestratorService: ServiceDefinition<typeof orchestratorConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: orchestratorConfigSpec,
  database: 'orchestrator',
  dataSource: orchestratorDataSource,
  apiDescription:
    'Rutas de reintegración (flujos Temporal) a partir de los eventos de los expedientes. / Reintegration paths: Temporal workflows driven by case events.',
  temporalClient: true,
  publishesEvents: true,
  consumesEvents: true,
};
