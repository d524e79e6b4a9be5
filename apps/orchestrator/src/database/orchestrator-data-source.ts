import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';

/** The orchestrator keeps only its inbox (and outbox) here; path state lives in Temporal. */
export function orchestratorDataSource(url: string, poolSize?: number): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'orchestrator',
    entities: [],
    migrations: [MessagingTables1764201600000],
  };
}
