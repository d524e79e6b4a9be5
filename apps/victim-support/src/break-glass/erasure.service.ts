import { Injectable } from '@nestjs/common';
import type { Actor } from '@reintegra/platform-auth';
import { CaseKeyService } from '../crypto/case-keys.service';
import { CareRecordAccess } from '../core/care-record-access.service';
import { OPEN } from '../core/care-records.queries';
import type { EraseRecordRequest } from './break-glass.requests';

/** Erasure on the survivor's request or a court order. */
@Injectable()
export class ErasureService {
  constructor(
    private readonly records: CareRecordAccess,
    private readonly caseKeys: CaseKeyService,
  ) {}

  /**
   * Erasure on request (crypto-shredding): the case key is destroyed, so every encrypted field is
   * unreadable for good — in this database and in every backup. The shell (codes and dates), the
   * erasure itself and the audit trail remain. An open record is reported `closed`.
   */
  erase(actor: Actor, reference: string, request: EraseRecordRequest) {
    return this.records.run(
      actor,
      reference,
      {
        mode: 'write',
        action: 'care-record.erased',
        states: ['referred', ...OPEN, 'closed'],
        basis: () => 'supervision',
        purpose: 'erasure-request',
        reasonCode: request.reasonCode,
      },
      async ({ manager, record, publishStatus }) => {
        await this.caseKeys.destroy(manager, reference);
        await manager.query(
          `UPDATE care_records SET status = 'erased', erased_at = now(), erasure_reason = $2
            WHERE reference = $1`,
          [reference, request.reasonCode],
        );
        await manager.query(
          `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2
            WHERE reference = $1 AND withdrawn_at IS NULL`,
          [reference, actor.subject],
        );
        if (record.status !== 'closed') await publishStatus('closed');
        return { reference, status: 'erased' as const };
      },
    );
  }
}
