import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { type EventEnvelope, TOPICS } from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import {
  type EventHandler,
  EventConsumer,
  Inbox,
  type MessagePosition,
} from '@reintegra/platform-messaging';
import type { PartnerGatewayConfig } from '../config';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { CONSUMED_TYPES, InternalEventsService } from './internal-events.service';

/**
 * The internal topics partners' events are derived from. Every message is parsed against its
 * contract (bad ones go to the topic's dead-letter topic) and applied once (inbox), in one
 * transaction with the projections, holds, public log entries and deliveries it causes.
 */
@Controller()
export class InternalEventsController {
  private readonly handlers: Record<string, EventHandler>;

  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly events: InternalEventsService,
    private readonly worker: DeliveryWorker,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
  ) {
    const handler: EventHandler = (event, position) => this.once(event, position);
    this.handlers = Object.fromEntries(CONSUMED_TYPES.map((type) => [type, handler]));
  }

  @EventPattern(TOPICS.intakeReturnees)
  onReturnees(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }

  @EventPattern(TOPICS.intakeConsents)
  onConsents(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }

  @EventPattern(TOPICS.intakeReferrals)
  onReferrals(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }

  @EventPattern(TOPICS.referralStatus)
  onReferralStatus(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }

  @EventPattern(TOPICS.pathEvents)
  onPathEvents(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }

  private async once(event: EventEnvelope, position: MessagePosition): Promise<void> {
    await this.inbox.processOnce(
      {
        consumer: this.config.KAFKA_CONSUMER_GROUP,
        eventId: event.id,
        eventType: event.type,
        ...position,
      },
      (manager) => this.events.apply(manager, event),
    );
    this.worker.nudge(); // deliveries it queued are committed: send them without waiting a poll
  }
}
