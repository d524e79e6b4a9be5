import { Module } from '@nestjs/common';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseLifecycleEventsHandler } from './case-lifecycle-events.service';
import { ConsentEventsHandler } from './consent-events.service';
import { ParkedEvents } from './parked-events';
import { ParkedEventsSweep } from './parked-events.sweep';
import { ReferralEventsHandler } from './referral-events.service';
import { StartReintegrationPathHandler } from './start-reintegration-path.service';
import { WorkflowDelivery } from './workflow-delivery.service';

/** The Kafka→Temporal bridge: case and referral events delivered to the workflows, once each. */
@Module({
  controllers: [CaseEventsConsumer],
  providers: [
    StartReintegrationPathHandler,
    WorkflowDelivery,
    ParkedEvents,
    ParkedEventsSweep,
    ReferralEventsHandler,
    CaseLifecycleEventsHandler,
    ConsentEventsHandler,
  ],
})
export class CaseEventsModule {}
