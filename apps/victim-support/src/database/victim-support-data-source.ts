import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';

/** Entities and migrations of the victim_support database, in order. Never edit a committed migration. */
export function victimSupportDataSource(url: string, poolSize?: number): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'victim-support',
    entities: [],
    migrations: [MessagingTables1764201600000],
  };
}
