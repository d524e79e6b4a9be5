import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import type { NotificationsConfig } from './config';
import { ConsentsModule } from './consents/consents.module';
import { DeliveryModule } from './delivery/delivery.module';
import { RemindersModule } from './reminders/reminders.module';
import { notificationsService } from './service';

const FEATURES = [ConsentsModule, RemindersModule, DeliveryModule];

/** Notifications: reminders to the person (with contact consent) and the officer. */
@Module({})
export class NotificationsModule {
  static register(config: NotificationsConfig): DynamicModule {
    return serviceRootModule(NotificationsModule, notificationsService, config, FEATURES);
  }
}
