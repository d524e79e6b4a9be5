import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import type { EducationEnrolmentConfig } from './config';
import { educationEnrolmentService } from './service';

/** Education enrolment service: its own database and Kafka connection; features arrive with their issues. */
@Module({})
export class EducationEnrolmentModule {
  static register(config: EducationEnrolmentConfig): DynamicModule {
    return {
      module: EducationEnrolmentModule,
      imports: foundationModules(educationEnrolmentService, config),
    };
  }
}
