import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  type EventEnvelope,
  TOPICS,
  victimSupportStatusChangedV1,
  type VictimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EventConsumer } from '@reintegra/platform-messaging';
import type { IntakeConfig } from '../config';
import { VictimSupportReferralsService } from './victim-support-referrals.service';

/** Status of confidential referrals, by pseudonymous reference, from victim support. */
@Controller()
export class VictimSupportStatusController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly referrals: VictimSupportReferralsService,
    @Inject(APP_CONFIG) private readonly config: IntakeConfig,
  ) {}

  @EventPattern(TOPICS.referralStatus)
  onReferralStatus(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [victimSupportStatusChangedV1.type]: (event, position) =>
        this.referrals.onStatus(
          event as EventEnvelope<VictimSupportStatusChangedV1>,
          position,
          this.config.KAFKA_CONSUMER_GROUP,
        ),
    });
  }
}
