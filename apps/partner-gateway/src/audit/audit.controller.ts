import { Controller, Get, UseFilters } from '@nestjs/common';
import { Roles } from '@reintegra/platform-auth';
import { ValidQuery } from '@reintegra/platform-http';
import { AuditLog } from '../core/audit-log.service';
import { AuditedProblemsFilter } from '../core/audited-problems.filter';
import { auditLogQuery, type AuditLogQuery } from './audit.requests';

/** The audit log for the admin (role `admin`). */
@Controller('admin')
@Roles('admin')
@UseFilters(AuditedProblemsFilter)
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** The audit log, newest first (optionally of one agency). */
  @Get('audit')
  async auditLog(@ValidQuery(auditLogQuery) query: AuditLogQuery) {
    return { entries: await this.audit.recent(query.agencyId, query.limit) };
  }
}
