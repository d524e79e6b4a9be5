import { Module } from '@nestjs/common';
import { ReferralsConsumer } from './referrals.consumer';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Referral intake: the confidential referrals from intake, the queue, acceptance, assignment. */
@Module({
  controllers: [ReferralsController, ReferralsConsumer],
  providers: [ReferralsService],
})
export class ReferralsModule {}
