import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { DeliveryWorker } from './delivery-worker.service';
import { PartnerTopics } from './partner-topics.service';

/** Sending queued deliveries (signed webhooks, agency topics) and creating the agency topics. */
@Module({
  imports: [CoreModule],
  providers: [DeliveryWorker, PartnerTopics],
  exports: [DeliveryWorker, PartnerTopics],
})
export class DeliveryModule {}
