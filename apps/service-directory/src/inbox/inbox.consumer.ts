import { Controller } from '@nestjs/common';
import { EventConsumer, Inbox, ReferralConsumer } from '@reintegra/platform-messaging';
import { InboxFeed } from './inbox-feed.service';

/** Referrals to outside services, each event once (inbox), into the provider inboxes. */
@Controller()
export class InboxConsumer extends ReferralConsumer {
  constructor(consumer: EventConsumer, inbox: Inbox, feed: InboxFeed) {
    super(consumer, inbox, feed);
  }
}
