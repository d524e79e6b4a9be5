import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { consentWithdrawnV1, TOPICS } from '@reintegra/event-contracts';
import { EventConsumer, Inbox, ReferralConsumer } from '@reintegra/platform-messaging';
import { InboxFeed } from './inbox-feed.service';

/** Referrals to outside services, each event once (inbox), into the provider inboxes. */
@Controller()
export class InboxConsumer extends ReferralConsumer {
  constructor(
    consumer: EventConsumer,
    inbox: Inbox,
    private readonly feed: InboxFeed,
  ) {
    super(consumer, inbox, feed);
  }

  /** A withdrawn referral consent closes the case's referrals to that service and erases facts. */
  @EventPattern(TOPICS.intakeConsents)
  onConsent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(
      context,
      this.inbox.on(consentWithdrawnV1, (manager, data) =>
        this.feed.consentWithdrawn(manager, data),
      ),
    );
  }
}
