import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { notificationsService } from './service';

migrate(notificationsService);
