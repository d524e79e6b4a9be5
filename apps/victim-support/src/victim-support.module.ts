import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import type { VictimSupportConfig } from './config';
import { victimSupportService } from './service';

/** Victim support service: its own database and Kafka connection; features arrive with their issues. */
@Module({})
export class VictimSupportModule {
  static register(config: VictimSupportConfig): DynamicModule {
    return {
      module: VictimSupportModule,
      imports: foundationModules(victimSupportService, config),
    };
  }
}
