import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Notifications1765300000000 } from './migrations/1765300000000-notifications';

/** Migrations of the notifications database, in order. Never edit a committed migration. */
export const notificationsDataSource = serviceDataSource('notifications', [
  MessagingTables1764201600000,
  Notifications1765300000000,
]);
