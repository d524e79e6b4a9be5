import { Controller, Get } from '@nestjs/common';
import { ValidQuery } from '@reintegra/platform-http';
import { AuditLog } from '../core/audit-log.service';
import { AdminRoutes } from '../core/admin-routes';
import { auditLogQuery, type AuditLogQuery } from './audit.requests';

/** The audit log for the admin (role `admin`). */
@Controller('admin')
@AdminRoutes()
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** The audit log, newest first (optionally of one agency). */
  @Get('audit')
  async auditLog(@ValidQuery(auditLogQuery) query: AuditLogQuery) {
    return { entries: await this.audit.recent(query.agencyId, query.limit) };
  }
}
