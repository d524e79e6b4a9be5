import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { CaseEventsModule } from './case-events/case-events.module';
import type { OrchestratorConfig } from './config';
import { orchestratorService } from './service';
import { WorkerModule } from './worker/worker.module';

@Module({})
export class OrchestratorModule {
  static register(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [...foundationModules(orchestratorService, config), CaseEventsModule, WorkerModule],
    };
  }
}
