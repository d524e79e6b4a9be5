import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { PlanController } from './plan.controller';
import { PlansService } from './plans.service';

/** The reintegration plan of a case: drafted, submitted, approved or rejected. */
@Module({
  imports: [CoreModule, ReferralsModule],
  controllers: [PlanController],
  providers: [PlansService],
})
export class PlansModule {}
