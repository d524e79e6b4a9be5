import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import { PlatformDatabaseModule } from '@reintegra/platform-database';
import { ServiceCoreModule } from '@reintegra/platform-http';
import { PlatformKafkaModule } from '@reintegra/platform-messaging';
import { SERVICE_NAME, type EducationEnrolmentConfig } from './config';
import { educationEnrolmentDataSource } from './database/education-enrolment-data-source';

/** Education enrolment service: its own database and Kafka connection; features arrive with their issues. */
@Module({})
export class EducationEnrolmentModule {
  static register(config: EducationEnrolmentConfig): DynamicModule {
    return {
      module: EducationEnrolmentModule,
      imports: [
        ServiceCoreModule.forRoot({ service: SERVICE_NAME, config }),
        PlatformDatabaseModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: EducationEnrolmentConfig) =>
            educationEnrolmentDataSource(c.DATABASE_URL, c.DATABASE_POOL_SIZE),
        }),
        PlatformKafkaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: EducationEnrolmentConfig) => ({
            clientId: c.KAFKA_CLIENT_ID,
            brokers: c.KAFKA_BROKERS,
          }),
        }),
      ],
    };
  }
}
