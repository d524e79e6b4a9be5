import { Module } from '@nestjs/common';
import { CommunityCoreModule } from '../core/community-core.module';
import { ParticipationController } from './participation.controller';
import { ParticipationService } from './participation.service';

/** Sustained participation under a versioned rule, streaks and drop-offs. */
@Module({
  imports: [CommunityCoreModule],
  controllers: [ParticipationController],
  providers: [ParticipationService],
  exports: [ParticipationService],
})
export class ParticipationModule {}
