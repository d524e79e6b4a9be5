import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { OUTBOX_RELAY_OPTIONS, OutboxRelay, OutboxWriter } from '@reintegra/platform-messaging';
import type { IntakeConfig } from './config';
import { PathQueryService } from './reintegration-path/path-query.service';
import { RegisterReturneeService } from './returnees/register-returnee.service';
import { ReturneesController } from './returnees/returnees.controller';
import { intakeService } from './service';

@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: foundationModules(intakeService, config),
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
