import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AuditLog } from './audit/audit-log';
import { CareRecordsController } from './care/care-records.controller';
import { CareRecordsService } from './care/care-records.service';
import type { VictimSupportConfig } from './config';
import { CaseKeyService } from './crypto/case-keys';
import { KEY_PROVIDER, type KeyProvider, LocalFileKeyProvider } from './crypto/key-provider';
import { ReferralsConsumer } from './referrals/referrals.consumer';
import { victimSupportService } from './service';

/**
 * Victim support: confidential care records (encrypted per case, need-to-know, audited), fed by
 * confidential referrals from intake and reporting status only. `keyProvider` replaces the local
 * KEK file (a KMS in production; a fixed key in tests).
 */
@Module({})
export class VictimSupportModule {
  static register(config: VictimSupportConfig, keyProvider?: KeyProvider): DynamicModule {
    return {
      module: VictimSupportModule,
      imports: foundationModules(victimSupportService, config),
      controllers: [CareRecordsController, ReferralsConsumer],
      providers: [
        {
          provide: KEY_PROVIDER,
          useFactory: () =>
            keyProvider ?? LocalFileKeyProvider.fromFile(config.VICTIM_SUPPORT_KEK_FILE),
        },
        CaseKeyService,
        AuditLog,
        CareRecordsService,
      ],
    };
  }
}
