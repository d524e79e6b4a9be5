import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import { PlatformDatabaseModule } from '@reintegra/platform-database';
import { ServiceCoreModule } from '@reintegra/platform-http';
import {
  EVENT_CONSUMER_OPTIONS,
  EventConsumer,
  Inbox,
  PlatformKafkaModule,
} from '@reintegra/platform-messaging';
import { PlatformTemporalClientModule } from '@reintegra/platform-temporal';
import { CaseEventsController } from './case-events/case-events.controller';
import { StartReintegrationPathHandler } from './case-events/start-reintegration-path.handler';
import { SERVICE_NAME, type OrchestratorConfig } from './config';
import { orchestratorDataSource } from './database/orchestrator-data-source';
import { ReintegrationWorker } from './worker/reintegration-worker';

@Module({})
export class OrchestratorModule {
  static register(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [
        ServiceCoreModule.forRoot({ service: SERVICE_NAME, config }),
        PlatformDatabaseModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: OrchestratorConfig) =>
            orchestratorDataSource(c.DATABASE_URL, c.DATABASE_POOL_SIZE),
        }),
        PlatformKafkaModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: OrchestratorConfig) => ({
            clientId: c.KAFKA_CLIENT_ID,
            brokers: c.KAFKA_BROKERS,
          }),
        }),
        PlatformTemporalClientModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: OrchestratorConfig) => ({
            address: c.TEMPORAL_ADDRESS,
            namespace: c.TEMPORAL_NAMESPACE,
          }),
        }),
      ],
      controllers: [CaseEventsController],
      providers: [
        Inbox,
        EventConsumer,
        {
          provide: EVENT_CONSUMER_OPTIONS,
          useValue: {
            groupId: config.KAFKA_CONSUMER_GROUP,
            maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
            retryDelayMs: 500,
            pauseOnInfrastructureFailureMs: 10_000,
          },
        },
        StartReintegrationPathHandler,
        ReintegrationWorker,
      ],
    };
  }
}
