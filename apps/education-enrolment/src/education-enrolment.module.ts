import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueService } from './catalogue/catalogue.service';
import type { EducationEnrolmentConfig } from './config';
import { EducationEvents } from './enrolment/education-events';
import { EnrolmentController } from './enrolment/enrolment.controller';
import { EnrolmentService } from './enrolment/enrolment.service';
import { LearnerService } from './learners/learner.service';
import { LearnersController } from './learners/learners.controller';
import { ReferralEventsController } from './referrals/referral-events.controller';
import { ReferralRouter } from './referrals/referral-router';
import { educationEnrolmentService } from './service';

/**
 * Education enrolment: catalogue, eligibility, enrolment with waitlist, attendance, and the
 * referral consumer. State changes and their events share one transaction (outbox).
 */
@Module({})
export class EducationEnrolmentModule {
  static register(config: EducationEnrolmentConfig): DynamicModule {
    return {
      module: EducationEnrolmentModule,
      imports: foundationModules(educationEnrolmentService, config),
      controllers: [
        CatalogueController,
        EnrolmentController,
        AttendanceController,
        LearnersController,
        ReferralEventsController,
      ],
      providers: [
        CatalogueService,
        EnrolmentService,
        AttendanceService,
        LearnerService,
        ReferralRouter,
        EducationEvents,
      ],
    };
  }
}
