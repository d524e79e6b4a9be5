import { Module } from '@nestjs/common';
import { AuditedReadInterceptor } from './audited-read.interceptor';
import { CaseAccess } from './case-access.service';
import { CaseLifecycleService } from './case-lifecycle.service';
import { IntakeAudit } from './intake-audit.service';
import { RecordCipher } from './record-cipher.service';

/** What every feature builds on: access to a case, its lifecycle, the audit log (reads too), encryption at rest. */
@Module({
  providers: [CaseAccess, CaseLifecycleService, IntakeAudit, RecordCipher, AuditedReadInterceptor],
  exports: [CaseAccess, CaseLifecycleService, IntakeAudit, RecordCipher, AuditedReadInterceptor],
})
export class CoreModule {}
