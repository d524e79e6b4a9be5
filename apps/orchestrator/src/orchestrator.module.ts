import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { CaseLifecycleEventsHandler } from './case-events/case-lifecycle-events.handler';
import { ReferralEventsHandler } from './case-events/referral-events.handler';
import { WorkflowDelivery } from './case-events/workflow-delivery';
import { PathActivitiesProvider } from './path-activities/path-activities';
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
        StartReintegrationPathHandler,
        WorkflowDelivery,
        ReferralEventsHandler,
        CaseLifecycleEventsHandler,
        PathActivitiesProvider,
        ReintegrationWorker,
      ],
    };
  }
}
