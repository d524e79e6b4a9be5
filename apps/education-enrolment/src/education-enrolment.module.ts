import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AttendanceModule } from './attendance/attendance.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { EducationEnrolmentConfig } from './config';
import { EnrolmentModule } from './enrolment/enrolment.module';
import { LearnersModule } from './learners/learners.module';
import { ReferralsModule } from './referrals/referrals.module';
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
      imports: [
        ...foundationModules(educationEnrolmentService, config),
        CatalogueModule,
        EnrolmentModule,
        AttendanceModule,
        LearnersModule,
        ReferralsModule,
      ],
    };
  }
}
