import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { NotificationsCoreModule } from '../core/notifications-core.module';
import { DeliveryWorker } from './delivery-worker.service';

/** The delivery worker: channels, retries, dead letters. */
@Module({ imports: [ChannelsModule, NotificationsCoreModule], providers: [DeliveryWorker] })
export class DeliveryModule {}
