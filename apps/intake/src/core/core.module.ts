import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';
import { CaseLifecycleService } from './case-lifecycle.service';
import { IntakeAudit } from './intake-audit.service';

/** What every feature builds on: access to a case, its lifecycle, the audit log. */
@Module({
  providers: [CaseAccess, CaseLifecycleService, IntakeAudit],
  exports: [CaseAccess, CaseLifecycleService, IntakeAudit],
})
export class CoreModule {}
