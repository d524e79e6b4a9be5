import { Module } from '@nestjs/common';
import { CommunityCoreModule } from '../core/community-core.module';
import { MembershipsService } from './memberships.service';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';

/** Participants of mixed origin, their consents, and joining or leaving an activity. */
@Module({
  imports: [CommunityCoreModule],
  controllers: [ParticipantsController],
  providers: [ParticipantsService, MembershipsService],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
