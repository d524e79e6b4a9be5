import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { EVENT_CONSUMER_OPTIONS, EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { CaseEventsController } from './case-events/case-events.controller';
import { StartReintegrationPathHandler } from './case-events/start-reintegration-path.handler';
import type { OrchestratorConfig } from './config';
import { ReintegrationWorker } from './worker/reintegration-worker';
import { orchestratorService } from './service';

@Module({})
export class OrchestratorModule {
  static register(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: foundationModules(orchestratorService, config),
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
