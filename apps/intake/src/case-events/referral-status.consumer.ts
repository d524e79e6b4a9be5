import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  type EventEnvelope,
  referralStatusChangedV1,
  type ReferralStatusChangedV1,
  TOPICS,
  victimSupportStatusChangedV1,
  type VictimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EventConsumer } from '@reintegra/platform-messaging';
import type { IntakeConfig } from '../config';
import { ReferralStatusService } from '../referrals/referral-status.service';
import { VictimSupportReferralsService } from '../victim-support/victim-support-referrals.service';

/**
 * Referral status reported by the services. One consumer per topic: a second @EventPattern on
 * the same topic would see every message twice (and dead-letter a bad one twice).
 */
@Controller()
export class ReferralStatusController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly referrals: ReferralStatusService,
    private readonly victimSupport: VictimSupportReferralsService,
    @Inject(APP_CONFIG) private readonly config: IntakeConfig,
  ) {}

  @EventPattern(TOPICS.referralStatus)
  onReferralStatus(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralStatusChangedV1.type]: (event, position) =>
        this.referrals.onStatusReport(event as EventEnvelope<ReferralStatusChangedV1>, position),
      // Confidential referrals report by pseudonymous reference; forwarded to the path by case.
      [victimSupportStatusChangedV1.type]: (event, position) =>
        this.victimSupport.onStatus(
          event as EventEnvelope<VictimSupportStatusChangedV1>,
          position,
          this.config.KAFKA_CONSUMER_GROUP,
        ),
    });
  }
}
