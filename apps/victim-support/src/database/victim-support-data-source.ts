import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { CareRecords1764288000000 } from './migrations/1764288000000-care-records';
import { CareRecordOffice1764950000000 } from './migrations/1764950000000-care-record-office';
import { CareRecordKind1765400000000 } from './migrations/1765400000000-care-record-kind';

/**
 * Entities and migrations of the victim_support database, in order. Never edit a committed
 * migration. No entities: the care records are read and written with explicit SQL so that every
 * access goes through the need-to-know check, the audit log and the case-key decryption.
 */
export const victimSupportDataSource = serviceDataSource('victim-support', [
  MessagingTables1764201600000,
  CareRecords1764288000000,
  CareRecordOffice1764950000000,
  CareRecordKind1765400000000,
]);
