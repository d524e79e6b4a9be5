import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { BreakGlassModule } from './break-glass/break-glass.module';
import type { VictimSupportConfig } from './config';
import { ConsentsModule } from './consents/consents.module';
import { CareCoreModule } from './core/care-core.module';
import type { KeyProvider } from '@reintegra/platform-crypto';
import { RecordsModule } from './records/records.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RiskModule } from './risk/risk.module';
import { victimSupportService } from './service';
import { SessionsModule } from './sessions/sessions.module';

/**
 * Victim support: confidential care records (encrypted per case, need-to-know, audited), fed by
 * confidential referrals from intake and reporting status only. `keyProvider` replaces the local
 * KEK file (a KMS in production; a fixed key in tests).
 */
@Module({})
export class VictimSupportModule {
  static register(config: VictimSupportConfig, keyProvider?: KeyProvider): DynamicModule {
    return serviceRootModule(VictimSupportModule, victimSupportService, config, [
      CareCoreModule.register(config, keyProvider),
      ReferralsModule,
      RecordsModule,
      RiskModule,
      SessionsModule,
      ConsentsModule,
      BreakGlassModule,
    ]);
  }
}
