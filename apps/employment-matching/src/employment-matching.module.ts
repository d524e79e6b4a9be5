import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import { PlatformDatabaseModule } from '@reintegra/platform-database';
import { ServiceCoreModule } from '@reintegra/platform-http';
import { PlatformKafkaModule } from '@reintegra/platform-messaging';
import { SERVICE_NAME, type EmploymentMatchingConfig } from './config';
import { employmentMatchingDataSource } from './database/employment-matching-data-source';

/** Employment matching service: its own database and Kafka connection; features arrive with their issues. */
@Module({})
export class EmploymentMatchingModule {
  static register(config: EmploymentMatchingConfig): DynamicModule {
    return {
      module: EmploymentMatchingModule,
      imports: [
        ServiceCoreModule.forRoot({ service: SERVICE_NAME, config }),
        PlatformDatabaseModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: EmploymentMatchingConfig) =>
            employmentMatchingDataSource(c.DATABASE_URL, c.DATABASE_POOL_SIZE),
        }),
        PlatformKafkaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: EmploymentMatchingConfig) => ({
            clientId: c.KAFKA_CLIENT_ID,
            brokers: c.KAFKA_BROKERS,
          }),
        }),
      ],
    };
  }
}
