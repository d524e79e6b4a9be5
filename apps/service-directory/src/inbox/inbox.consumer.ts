import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  referralRequestedV1,
  referralRevokedV1,
  referralRoutedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { InboxFeed } from './inbox-feed.service';

/** Referrals to outside services, each event once (inbox), into the provider inboxes. */
@Controller()
export class InboxConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly feed: InboxFeed,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferralEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(referralRequestedV1, (manager, data) => this.feed.requested(manager, data)),
      ...this.inbox.on(referralRevokedV1, (manager, data) => this.feed.revoked(manager, data)),
    });
  }

  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(referralRoutedV1, (manager, data) => this.feed.routed(manager, data)),
    });
  }
}
