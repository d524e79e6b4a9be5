import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam } from '@reintegra/platform-http';
import { AuditLog } from '../audit/audit-log.service';
import { COUNSELLOR, SUPERVISOR } from '../core/access-policy';
import { CareRecordAccess } from '../core/care-record-access.service';
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
    private readonly records: CareRecordAccess,
    private readonly audit: AuditLog,
  ) {}

  @Get('care-records/:reference')
  read(@CurrentActor() actor: Actor, @UuidParam('reference') reference: string) {
    return this.view.read(actor, reference);
  }

  /** Who did what to a record, when and on what basis (codes only); kept after erasure. */
  @Get('care-records/:reference/audit')
  @Roles(SUPERVISOR)
  async auditTrail(@CurrentActor() actor: Actor, @UuidParam('reference') reference: string) {
    await this.records.assertInOffice(actor, reference, 'audit-trail.read');
    return this.audit.forReference(reference);
  }

  /** The whole chain's integrity (a hash and a row count; no record of any office). */

  @Get('audit/verification')
  @Roles(SUPERVISOR)
  verifyAudit() {
    return this.audit.verify();
  }
}
