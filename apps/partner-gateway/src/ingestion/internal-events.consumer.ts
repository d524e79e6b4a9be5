import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { TOPICS } from '@reintegra/event-contracts';
import { type EventHandler, EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { DeliveryWorker } from '../delivery/delivery-worker.service';
import { CONSUMED_TYPES, InternalEventsService } from './internal-events.service';

/** The internal topics the gateway reads (one handler each below). */
export const INTERNAL_TOPICS = [
  TOPICS.intakeReturnees,
  TOPICS.intakeConsents,
  TOPICS.intakeReferrals,
  TOPICS.referralStatus,
  TOPICS.pathEvents,
  TOPICS.serviceCapacity,
  TOPICS.communityEvents,
];

/**
 * The internal topics partners' events are derived from. Every message is parsed against its
 * contract (bad ones go to the topic's dead-letter topic) and applied once (inbox), in one
 * transaction with the projections, holds, public log entries and deliveries it causes.
 */
@Controller()
export class InternalEventsConsumer {
  private readonly handlers: Record<string, EventHandler>;

  constructor(
    private readonly consumer: EventConsumer,
    inbox: Inbox,
    events: InternalEventsService,
    worker: DeliveryWorker,
  ) {
    const handler: EventHandler = async (event, position) => {
      await inbox.handle(event, position, (manager) => events.apply(manager, event));
      worker.nudge(); // deliveries it queued are committed: send them without waiting a poll
    };
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

  @EventPattern(TOPICS.serviceCapacity)
  onServiceCapacity(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }

  @EventPattern(TOPICS.communityEvents)
  onCommunityEvents(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.handlers);
  }
}
