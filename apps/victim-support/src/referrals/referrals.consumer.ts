import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { TOPICS, victimSupportReferralRequestedV1 } from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { ReferralsService } from './referrals.service';

/**
 * Confidential referrals from intake. Only `victim-support.referral-requested` is handled; the
 * generic referral events on the same topic are for the other services and are skipped. An event
 * that carries anything beyond the contract (e.g. a case id) fails the strict schema and goes to
 * the dead-letter topic without being stored.
 */
@Controller()
export class ReferralsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly referrals: ReferralsService,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferralEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(victimSupportReferralRequestedV1, async (manager, referral) => {
        await this.referrals.receiveReferral(manager, referral);
      }),
    });
  }
}
