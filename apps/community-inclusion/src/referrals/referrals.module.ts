import { Module } from '@nestjs/common';
import { CommunityCoreModule } from '../core/community-core.module';
import { ReferralsConsumer } from './referrals.consumer';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Into the path: community referrals and intake's consents to them. */
@Module({
  imports: [CommunityCoreModule],
  controllers: [ReferralsController, ReferralsConsumer],
  providers: [ReferralsService],
})
export class ReferralsModule {}
