import { Module } from '@nestjs/common';
import { CommunityCoreModule } from '../core/community-core.module';
import { ParticipationModule } from '../participation/participation.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

/** Sessions and batch attendance; each sheet is followed by the participation milestones. */
@Module({
  imports: [CommunityCoreModule, ParticipationModule],
  controllers: [AttendanceController],
  providers: [AttendanceService],
})
export class AttendanceModule {}
