import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  referralRequestedV1,
  referralRevokedV1,
  referralRoutedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { ReferralsService } from './referrals.service';

/**
 * Referrals and consents from intake, withdrawals from the orchestrator. Each event is handled
 * once (inbox) in one transaction with everything it causes, including the answers (outbox).
 */
@Controller()
export class ReferralsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly referrals: ReferralsService,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferral(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(referralRequestedV1, (manager, data, ctx) =>
        this.referrals.receive(manager, data, ctx),
      ),
      ...this.inbox.on(referralRevokedV1, (manager, data, ctx) =>
        this.referrals.revoke(manager, data, ctx),
      ),
    });
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

  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(referralRoutedV1, (manager, data, ctx) =>
        this.referrals.withdraw(manager, data, ctx),
      ),
    });
  }
}
