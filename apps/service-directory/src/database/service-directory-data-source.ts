import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Directory1765200000000 } from './migrations/1765200000000-directory';
import { ProviderInbox1765200100000 } from './migrations/1765200100000-provider-inbox';
import { ProviderReferralsByCase1765600310000 } from './migrations/1765600310000-provider-referrals-by-case';

/**
 * Migrations of the service_directory database, in order. Never edit a committed migration. No
 * entities: routing and HSDS import/export are set-based SQL (see core/directory.queries.ts).
 */
export const serviceDirectoryDataSource = serviceDataSource('service-directory', [
  MessagingTables1764201600000,
  Directory1765200000000,
  ProviderInbox1765200100000,
  ProviderReferralsByCase1765600310000,
]);
