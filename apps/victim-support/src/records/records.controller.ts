import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam } from '@reintegra/platform-http';
import { AuditLog } from '../audit/audit-log.service';
import { COUNSELLOR, SUPERVISOR } from '../core/access-policy';
import { RecordViewService } from './record-view.service';

/**
 * A record and its audit trail. Only victim-support roles reach the care API at all (the guard
 * answers 403 to every other role, admin included); the per-record need-to-know rule is applied
 * by CareRecordAccess.
 */
@Controller()
@Roles(COUNSELLOR, SUPERVISOR)
export class RecordsController {
  constructor(
    private readonly view: RecordViewService,
    private readonly audit: AuditLog,
  ) {}

  @Get('care-records/:reference')
  read(@CurrentActor() actor: Actor, @UuidParam('reference') reference: string) {
    return this.view.read(actor, reference);
  }

  /** Who did what to a record, when and on what basis (codes only); kept after erasure. */
  @Get('care-records/:reference/audit')
  @Roles(SUPERVISOR)
  auditTrail(@UuidParam('reference') reference: string) {
    return this.audit.forReference(reference);
  }

  @Get('audit/verification')
  @Roles(SUPERVISOR)
  verifyAudit() {
    return this.audit.verify();
  }
}
