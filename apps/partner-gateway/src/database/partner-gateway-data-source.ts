import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { PartnerGateway1765000000000 } from './migrations/1765000000000-partner-gateway';
import { PublicListings1765400000000 } from './migrations/1765400000000-public-listings';
import { AnonymousRefusalCounts1765500000000 } from './migrations/1765500000000-anonymous-refusal-counts';

/**
 * Migrations of the partner_gateway database, in order. Never edit a committed migration. No
 * entities: the gateway uses explicit SQL so that every lock and claim is visible.
 */
export const partnerGatewayDataSource = serviceDataSource('partner-gateway', [
  MessagingTables1764201600000,
  PartnerGateway1765000000000,
  PublicListings1765400000000,
  AnonymousRefusalCounts1765500000000,
]);
