import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { LearnersController } from './learners.controller';
import { LearnerService } from './learners.service';

/** Learner profiles; recording one routes the referrals that waited for it. */
@Module({
  imports: [ReferralsModule],
  controllers: [LearnersController],
  providers: [LearnerService],
})
export class LearnersModule {}
