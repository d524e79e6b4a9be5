import { Module } from '@nestjs/common';
import { EducationCoreModule } from '../core/education-core.module';
import { EnrolmentModule } from '../enrolment/enrolment.module';
import { ReferralRouter } from './referral-router.service';
import { ReferralsConsumer } from './referrals.consumer';
import { ReferralsController } from './referrals.controller';

/** Education referrals: received from intake, routed to a cohort, withdrawn, revoked; the queue. */
@Module({
  imports: [EducationCoreModule, EnrolmentModule],
  controllers: [ReferralsController, ReferralsConsumer],
  providers: [ReferralRouter],
  exports: [ReferralRouter],
})
export class ReferralsModule {}
