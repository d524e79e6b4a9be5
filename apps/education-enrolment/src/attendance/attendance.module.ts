import { Module } from '@nestjs/common';
import { EducationCoreModule } from '../core/education-core.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

/** Attendance per cohort session, and the at-risk signal. */
@Module({
  imports: [EducationCoreModule],
  controllers: [AttendanceController],
  providers: [AttendanceService],
})
export class AttendanceModule {}
