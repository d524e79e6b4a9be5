import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { VictimSupportReferralsService } from './victim-support-referrals.service';
import { VictimSupportController } from './victim-support.controller';
import { VictimSupportDispatch } from './victim-support-dispatch.service';

/** Confidential referrals to victim support under a pseudonymous reference. */
@Module({
  imports: [CoreModule, ReferralsModule],
  controllers: [VictimSupportController],
  providers: [VictimSupportReferralsService, VictimSupportDispatch],
  exports: [VictimSupportReferralsService],
})
export class VictimSupportModule {}
