import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';

/** Entities and migrations of the employment_matching database, in order. Never edit a committed migration. */
export function employmentMatchingDataSource(
  url: string,
  poolSize?: number,
): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'employment-matching',
    entities: [],
    migrations: [MessagingTables1764201600000],
  };
}
