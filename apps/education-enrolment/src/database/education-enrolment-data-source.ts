import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';

/** Entities and migrations of the education_enrolment database, in order. Never edit a committed migration. */
export function educationEnrolmentDataSource(
  url: string,
  poolSize?: number,
): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'education-enrolment',
    entities: [],
    migrations: [MessagingTables1764201600000],
  };
}
