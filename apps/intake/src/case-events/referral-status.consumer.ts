import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  type EventEnvelope,
  referralStatusChangedV1,
  type ReferralStatusChangedV1,
  TOPICS,
  victimSupportStatusChangedV1,
  type VictimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { EventConsumer } from '@reintegra/platform-messaging';
import { ReferralStatusService } from '../referrals/referral-status.service';
import { VictimSupportReferralsService } from '../victim-support/victim-support-referrals.service';

/**
 * Referral status reported by the services. One consumer per topic: a second @EventPattern on
 * the same topic would see every message twice (and dead-letter a bad one twice).
 */
@Controller()
export class ReferralStatusConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly referrals: ReferralStatusService,
    private readonly victimSupport: VictimSupportReferralsService,
  ) {}

  @EventPattern(TOPICS.referralStatus)
  onReferralStatus(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralStatusChangedV1.type]: (event, position) =>
        this.referrals.onStatusReport(event as EventEnvelope<ReferralStatusChangedV1>, position),
      // Confidential referrals report by pseudonymous reference; forwarded to the path by case.
      [victimSupportStatusChangedV1.type]: (event, position) =>
        this.victimSupport.onStatus(event as EventEnvelope<VictimSupportStatusChangedV1>, position),
    });
  }
}
