import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  TOPICS,
  type VictimSupportReferralRequestedV1,
  victimSupportReferralRequestedV1,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { CareRecordsService } from '../care/care-records.service';
import type { VictimSupportConfig } from '../config';

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
    private readonly care: CareRecordsService,
    @Inject(APP_CONFIG) private readonly config: VictimSupportConfig,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferralEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [victimSupportReferralRequestedV1.type]: async (event, position) => {
        await this.inbox.processOnce(
          {
            consumer: this.config.KAFKA_CONSUMER_GROUP,
            eventId: event.id,
            eventType: event.type,
            ...position,
          },
          async (manager) => {
            await this.care.receiveReferral(
              manager,
              event.data as VictimSupportReferralRequestedV1,
            );
          },
        );
      },
    });
  }
}
