import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { CoreModule } from '../core/core.module';
import { ReferralStatusService } from './referral-status.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Referrals of a case to services, and their status as the services and the path report it. */
@Module({
  imports: [CoreModule, ConsentsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralStatusService],
  exports: [ReferralsService, ReferralStatusService],
})
export class ReferralsModule {}
