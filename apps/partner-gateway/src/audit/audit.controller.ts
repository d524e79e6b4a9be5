import { Controller, Get } from '@nestjs/common';
import { ValidQuery } from '@reintegra/platform-http';
import { AuditLog } from '../core/audit-log.service';
import { AdminRoutes } from '../core/admin-routes';
import {
  anonymousRefusalsQuery,
  type AnonymousRefusalsQuery,
  auditLogQuery,
  type AuditLogQuery,
} from './audit.requests';

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

  /** Refusals of callers who never authenticated, counted per minute (not in the audit log). */
  @Get('audit/anonymous-refusals')
  async anonymousRefusals(@ValidQuery(anonymousRefusalsQuery) query: AnonymousRefusalsQuery) {
    const since = query.since ?? new Date(Date.now() - 86_400_000);
    return { since, counts: await this.audit.anonymousRefusals(since) };
  }
}
