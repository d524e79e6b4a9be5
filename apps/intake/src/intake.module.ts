import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import { PlatformDatabaseModule } from '@reintegra/platform-database';
import { ServiceCoreModule } from '@reintegra/platform-http';
import {
  OUTBOX_RELAY_OPTIONS,
  OutboxRelay,
  OutboxWriter,
  PlatformKafkaModule,
} from '@reintegra/platform-messaging';
import { PlatformTemporalClientModule } from '@reintegra/platform-temporal';
import { SERVICE_NAME, type IntakeConfig } from './config';
import { intakeDataSource } from './database/intake-data-source';
import { PathQueryService } from './reintegration-path/path-query.service';
import { RegisterReturneeService } from './returnees/register-returnee.service';
import { ReturneesController } from './returnees/returnees.controller';

@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        ServiceCoreModule.forRoot({ service: SERVICE_NAME, config }),
        PlatformDatabaseModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: IntakeConfig) => intakeDataSource(c.DATABASE_URL, c.DATABASE_POOL_SIZE),
        }),
        PlatformKafkaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: IntakeConfig) => ({
            clientId: c.KAFKA_CLIENT_ID,
            brokers: c.KAFKA_BROKERS,
          }),
        }),
        PlatformTemporalClientModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: IntakeConfig) => ({
            address: c.TEMPORAL_ADDRESS,
            namespace: c.TEMPORAL_NAMESPACE,
          }),
        }),
      ],
      controllers: [ReturneesController],
      providers: [
        RegisterReturneeService,
        PathQueryService,
        OutboxWriter,
        OutboxRelay,
        {
          provide: OUTBOX_RELAY_OPTIONS,
          useValue: { pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS, batchSize: 100 },
        },
      ],
    };
  }
}
