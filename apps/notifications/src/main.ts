import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { NotificationsModule } from './notifications.module';
import { notificationsService } from './service';

// One process: health, the consumers of path and consent events, and the delivery worker.
serve(notificationsService, (config) => NotificationsModule.register(config));
