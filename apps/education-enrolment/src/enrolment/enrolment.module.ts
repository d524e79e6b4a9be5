import { Module } from '@nestjs/common';
import { EducationCoreModule } from '../core/education-core.module';
import { EnrolmentController } from './enrolment.controller';
import { EnrolmentService } from './enrolment.service';

/** Enrolment requests, drops, completion and waitlist promotion. */
@Module({
  imports: [EducationCoreModule],
  controllers: [EnrolmentController],
  providers: [EnrolmentService],
  exports: [EnrolmentService],
})
export class EnrolmentModule {}
