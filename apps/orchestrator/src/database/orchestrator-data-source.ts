import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { ParkedEvents1765900000000 } from './migrations/1765900000000-parked-events';
import { RoutingDecisions1765200000000 } from './migrations/1765200000000-routing-decisions';

/**
 * The orchestrator keeps its inbox and outbox here, and the directory's reasons for re-routing
 * choices until their event is published, and events parked until their workflow starts; path
 * state lives in Temporal.
 */
export function orchestratorDataSource(url: string, poolSize?: number): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'orchestrator',
    entities: [],
    migrations: [
      MessagingTables1764201600000,
      RoutingDecisions1765200000000,
      ParkedEvents1765900000000,
    ],
  };
}
