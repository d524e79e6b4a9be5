import type { ServiceDefinition } from '@reintegra/platform-service';
import { SERVICE_NAME, supervisorApiConfigSpec } from './config';
import { supervisorDataSource } from './database/supervisor-data-source';

/**
 * The supervisor API consumes every topic with its own projection runner (positions kept in the
 * read model itself, see projection/projection-runner.ts), not the Nest Kafka transport: hence
 * `consumesEvents` is off. It publishes nothing: approvals go to intake, which owns them.
 */
export const supervisorApiService: ServiceDefinition<typeof supervisorApiConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: supervisorApiConfigSpec,
  database: 'supervisor',
  dataSource: supervisorDataSource,
  temporalClient: true,
  apiDescription:
    'Supervisor dashboard API: every reintegration path within the supervisor’s municipality (overview, filtered list, case timeline with live workflow state), approvals sent on to intake, caseloads, indicators with small cells suppressed, and live alerts (server-sent events).',
};
