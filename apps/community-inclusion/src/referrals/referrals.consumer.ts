import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { consentGrantedV1, consentWithdrawnV1, TOPICS } from '@reintegra/event-contracts';
import { EventConsumer, Inbox, ReferralConsumer } from '@reintegra/platform-messaging';
import { ReferralsService } from './referrals.service';

/**
 * Referrals and consents from intake, withdrawals from the orchestrator. Each event is handled
 * once (inbox) in one transaction with everything it causes, including the answers (outbox).
 */
@Controller()
export class ReferralsConsumer extends ReferralConsumer {
  constructor(
    consumer: EventConsumer,
    inbox: Inbox,
    private readonly referrals: ReferralsService,
  ) {
    super(consumer, inbox, referrals);
  }

  @EventPattern(TOPICS.intakeConsents)
  onConsent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(consentGrantedV1, (manager, data) =>
        this.referrals.consentGranted(manager, data),
      ),
      ...this.inbox.on(consentWithdrawnV1, (manager, data, ctx) =>
        this.referrals.consentWithdrawn(manager, data, ctx),
      ),
    });
  }
}
