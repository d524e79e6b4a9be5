import type { ServiceDefinition } from '@reintegra/platform-service';
import { notificationsConfigSpec, SERVICE_NAME } from './config';
import { notificationsDataSource } from './database/notifications-data-source';

export const notificationsService: ServiceDefinition<typeof notificationsConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: notificationsConfigSpec,
  database: 'notifications',
  dataSource: notificationsDataSource,
  apiDescription:
    'Recordatorios de seguimiento y de plazos a la persona (con consentimiento de contacto) y al oficial. / Follow-up and deadline reminders to the person (with contact consent) and the officer.',
  consumesEvents: true,
};
