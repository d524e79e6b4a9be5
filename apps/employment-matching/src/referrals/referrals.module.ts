import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ReferralDecisions } from './referral-decisions.service';
import { ReferralsController } from './referrals.controller';

@Module({
  imports: [CoreModule],
  controllers: [ReferralsController],
  providers: [ReferralDecisions],
})
export class ReferralsModule {}
