import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { PartnerGatewayConfig } from '../config';
import { GatewayKeys } from '../crypto/gateway-keys';
import { AuditLog } from './audit-log.service';
import { AuditedProblemsFilter } from './audited-problems.filter';

/** What every feature uses: the audit log (and the filter that audits refusals) and the gateway keys. */
@Module({
  providers: [
    AuditLog,
    AuditedProblemsFilter,
    {
      provide: GatewayKeys,
      inject: [APP_CONFIG],
      useFactory: (config: PartnerGatewayConfig) => new GatewayKeys(config.PARTNER_GATEWAY_KEY),
    },
  ],
  exports: [AuditLog, AuditedProblemsFilter, GatewayKeys],
})
export class CoreModule {}
