import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Education1764300000000 } from './migrations/1764300000000-education';

/**
 * Entities and migrations of the education_enrolment database, in order. Never edit a committed
 * migration. No entities: the service uses explicit SQL so that every row lock is visible.
 */
export function educationEnrolmentDataSource(
  url: string,
  poolSize?: number,
): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'education-enrolment',
    entities: [],
    migrations: [MessagingTables1764201600000, Education1764300000000],
  };
}
