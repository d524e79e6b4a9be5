import { type DynamicModule, Module } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import type { VictimSupportConfig } from '../config';
import { CaseKeyService } from '../crypto/case-keys.service';
import { KEY_PROVIDER, type KeyProvider, LocalFileKeyProvider } from '@reintegra/platform-crypto';
import { CareRecordAccess } from './care-record-access.service';

/**
 * What every care use case shares: case keys, the audit log and the one way into a record.
 * Registered once by the root module (the key provider is chosen there) and global, like the
 * platform's modules, so that each feature module lists only its own controllers and providers.
 */
@Module({})
export class CareCoreModule {
  static register(config: VictimSupportConfig, keyProvider?: KeyProvider): DynamicModule {
    return {
      module: CareCoreModule,
      global: true,
      providers: [
        {
          provide: KEY_PROVIDER,
          useFactory: () =>
            keyProvider ?? LocalFileKeyProvider.fromFile(config.VICTIM_SUPPORT_KEK_FILE),
        },
        CaseKeyService,
        AuditLog,
        CareRecordAccess,
      ],
      exports: [CaseKeyService, AuditLog, CareRecordAccess],
    };
  }
}
