import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { CaseViewService } from './case-view.service';
import { CasesController } from './cases.controller';

/** A case at a glance: status, episode, plan summary and referrals. */
@Module({
  imports: [CoreModule, ReferralsModule],
  controllers: [CasesController],
  providers: [CaseViewService],
})
export class CasesModule {}
