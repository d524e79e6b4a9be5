import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  type EventEnvelope,
  referralRequestedV1,
  type ReferralRequestedV1,
  referralRevokedV1,
  type ReferralRevokedV1,
  referralRoutedV1,
  type ReferralRoutedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EventConsumer, Inbox, type MessagePosition } from '@reintegra/platform-messaging';
import type { EducationEnrolmentConfig } from '../config';
import type { EventContext } from '../enrolment/education-events';
import { ReferralRouter } from './referral-router';

const SYSTEM_ACTOR = 'system:education-enrolment';

/**
 * Referrals from intake (and withdrawals by the orchestrator). Each event is handled once (inbox) in one transaction with everything it
 * causes: the referral row, the enrolment or waitlist entry, and the status events in the outbox.
 */
@Controller()
export class ReferralEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly router: ReferralRouter,
    @Inject(APP_CONFIG) private readonly config: EducationEnrolmentConfig,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferralEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralRequestedV1.type]: (event, position) =>
        this.once(event, position, (manager, ctx) =>
          this.router.receive(manager, (event as EventEnvelope<ReferralRequestedV1>).data, ctx),
        ),
      [referralRevokedV1.type]: (event, position) =>
        this.once(event, position, (manager, ctx) =>
          this.router.revoke(manager, (event as EventEnvelope<ReferralRevokedV1>).data, ctx),
        ),
    });
  }

  /** Withdrawals by the orchestrator (first acceptance wins; re-routing after no capacity). */
  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralRoutedV1.type]: (event, position) =>
        this.once(event, position, (manager, ctx) =>
          this.router.withdraw(manager, (event as EventEnvelope<ReferralRoutedV1>).data, ctx),
        ),
    });
  }

  private async once(
    event: EventEnvelope,
    position: MessagePosition,
    handler: (
      manager: Parameters<Parameters<Inbox['processOnce']>[1]>[0],
      context: EventContext,
    ) => Promise<unknown>,
  ): Promise<void> {
    await this.inbox.processOnce(
      {
        consumer: this.config.KAFKA_CONSUMER_GROUP,
        eventId: event.id,
        eventType: event.type,
        ...position,
      },
      async (manager) => {
        await handler(manager, {
          actor: SYSTEM_ACTOR,
          correlationId: event.correlationid,
          causationId: event.id,
        });
      },
    );
  }
}
