import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { AttendanceModule } from './attendance/attendance.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { EducationEnrolmentConfig } from './config';
import { ConsentsModule } from './consents/consents.module';
import { EnrolmentModule } from './enrolment/enrolment.module';
import { LearnersModule } from './learners/learners.module';
import { ReferralsModule } from './referrals/referrals.module';
import { educationEnrolmentService } from './service';

/** The service's feature modules, after the foundation ones. */
const FEATURES = [
  CatalogueModule,
  EnrolmentModule,
  AttendanceModule,
  LearnersModule,
  ReferralsModule,
  ConsentsModule,
];

/**
 * Education enrolment: catalogue, eligibility, enrolment with waitlist, attendance, and the
 * referral consumer. State changes and their events share one transaction (outbox).
 */
@Module({})
export class EducationEnrolmentModule {
  static register(config: EducationEnrolmentConfig): DynamicModule {
    return serviceRootModule(EducationEnrolmentModule, educationEnrolmentService, config, FEATURES);
  }
}
