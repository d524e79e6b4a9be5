import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import { PlatformDatabaseModule } from '@reintegra/platform-database';
import { ServiceCoreModule } from '@reintegra/platform-http';
import { PlatformKafkaModule } from '@reintegra/platform-messaging';
import { SERVICE_NAME, type VictimSupportConfig } from './config';
import { victimSupportDataSource } from './database/victim-support-data-source';

/** Victim support service: its own database and Kafka connection; features arrive with their issues. */
@Module({})
export class VictimSupportModule {
  static register(config: VictimSupportConfig): DynamicModule {
    return {
      module: VictimSupportModule,
      imports: [
        ServiceCoreModule.forRoot({ service: SERVICE_NAME, config }),
        PlatformDatabaseModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: VictimSupportConfig) =>
            victimSupportDataSource(c.DATABASE_URL, c.DATABASE_POOL_SIZE),
        }),
        PlatformKafkaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: VictimSupportConfig) => ({
            clientId: c.KAFKA_CLIENT_ID,
            brokers: c.KAFKA_BROKERS,
          }),
        }),
      ],
    };
  }
}
