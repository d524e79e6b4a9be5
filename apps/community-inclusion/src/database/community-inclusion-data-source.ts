import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Community1764500000000 } from './migrations/1764500000000-community';

/**
 * Migrations of the community_inclusion database, in order. Never edit a committed migration.
 * No entities: set-based SQL (attendance upserts, the participation aggregate) is the point here.
 */
export const communityInclusionDataSource = serviceDataSource('community-inclusion', [
  MessagingTables1764201600000,
  Community1764500000000,
]);
