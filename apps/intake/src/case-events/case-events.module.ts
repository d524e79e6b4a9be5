import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { VictimSupportModule } from '../victim-support/victim-support.module';
import { PathEventsConsumer } from './path-events.consumer';
import { PathPhaseService } from './path-phase.service';
import { ReferralStatusConsumer } from './referral-status.consumer';

/** What intake hears from the path and the services, applied once per event. */
@Module({
  imports: [CoreModule, ReferralsModule, VictimSupportModule],
  controllers: [PathEventsConsumer, ReferralStatusConsumer],
  providers: [PathPhaseService],
})
export class CaseEventsModule {}
