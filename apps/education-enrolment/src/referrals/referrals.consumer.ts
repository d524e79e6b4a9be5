import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  referralRequestedV1,
  referralRevokedV1,
  referralRoutedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { ReferralRouter } from './referral-router.service';

/**
 * Referrals from intake (and withdrawals by the orchestrator). Each event is handled once (inbox) in one transaction with everything it
 * causes: the referral row, the enrolment or waitlist entry, and the status events in the outbox.
 */
@Controller()
export class ReferralsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly router: ReferralRouter,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferralEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(referralRequestedV1, async (manager, data, ctx) => {
        await this.router.receive(manager, data, ctx);
      }),
      ...this.inbox.on(referralRevokedV1, (manager, data, ctx) =>
        this.router.revoke(manager, data, ctx),
      ),
    });
  }

  /** Withdrawals by the orchestrator (first acceptance wins; re-routing after no capacity). */
  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(referralRoutedV1, (manager, data, ctx) =>
        this.router.withdraw(manager, data, ctx),
      ),
    });
  }
}
