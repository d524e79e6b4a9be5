import { Controller } from '@nestjs/common';
import { EventConsumer, Inbox, ReferralConsumer } from '@reintegra/platform-messaging';
import { ReferralRouter } from './referral-router.service';

/**
 * Referrals from intake (and withdrawals by the orchestrator): each in one transaction with
 * everything it causes: the referral row, the enrolment or waitlist entry, and the status events.
 */
@Controller()
export class ReferralsConsumer extends ReferralConsumer {
  constructor(consumer: EventConsumer, inbox: Inbox, router: ReferralRouter) {
    super(consumer, inbox, router);
  }
}
