import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import type { EmploymentMatchingConfig } from './config';
import { employmentMatchingService } from './service';

/** Employment matching service: its own database and Kafka connection; features arrive with their issues. */
@Module({})
export class EmploymentMatchingModule {
  static register(config: EmploymentMatchingConfig): DynamicModule {
    return {
      module: EmploymentMatchingModule,
      imports: foundationModules(employmentMatchingService, config),
    };
  }
}
