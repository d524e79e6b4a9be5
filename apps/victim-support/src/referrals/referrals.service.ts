import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { VictimSupportReferralRequestedV1 } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { AuditLog } from '../audit/audit-log.service';
import { CaseKeyService } from '../crypto/case-keys.service';
import { encryptField } from '../crypto/field-cipher';
import { queueShows, selfAcceptBasis } from '../core/access-policy';
import { CareRecordAccess } from '../core/care-record-access.service';
import { OPEN, type RecordRow } from '../core/care-records.queries';
import type { AcceptReferralRequest, AssignCounsellorRequest } from './referrals.requests';

/**
 * Referral intake: a confidential referral from intake opens a record (with its own case key),
 * waits in the queue, and a counsellor takes it (or the supervisor assigns one).
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: CareRecordAccess,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditLog,
  ) {}

  /** A referral from intake (Kafka), in the inbox transaction. Redeliveries change nothing. */
  async receiveReferral(
    manager: EntityManager,
    referral: VictimSupportReferralRequestedV1,
  ): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO care_records (reference, priority, requested_services, status, municipality_code, kind)
       VALUES ($1, $2, $3, 'referred', $4, $5) ON CONFLICT (reference) DO NOTHING RETURNING reference`,
      [
        referral.reference,
        referral.priority,
        referral.requestedServices,
        referral.municipalityCode ?? null,
        // Events from before the field are survivors' care.
        referral.kind ?? 'care',
      ],
    );
    if (inserted.length === 0) return false;
    await this.caseKeys.create(manager, referral.reference);
    await this.audit.append(manager, {
      actorSubject: 'system:intake',
      actorRoles: [],
      action: 'referral.received',
      reference: referral.reference,
      purpose: 'referral',
      outcome: 'allowed',
      reasonCode: null,
    });
    return true;
  }

  /**
   * The office's referrals waiting for a counsellor: codes only, no care content. Counsellors see
   * survivors' care only; the supervisor also the child-protection referrals they assign.
   */
  async pendingReferrals(actor: Actor) {
    if (!actor.municipalityCode) return [];
    const kinds = (['care', 'child-protection'] as const).filter((kind) => queueShows(actor, kind));
    const rows: Pick<
      RecordRow,
      'reference' | 'kind' | 'priority' | 'requested_services' | 'received_at'
    >[] = await this.dataSource.query(
      `SELECT reference, kind, priority, requested_services, received_at FROM care_records
        WHERE status = 'referred' AND municipality_code = $1 AND kind = ANY($2)
        ORDER BY array_position(ARRAY['emergency','urgent','normal'], priority), received_at`,
      [actor.municipalityCode, kinds],
    );
    return rows.map((row) => ({
      reference: row.reference,
      kind: row.kind,
      priority: row.priority,
      requestedServices: row.requested_services,
      receivedAt: row.received_at.toISOString(),
    }));
  }

  /** A counsellor takes a referral: they are assigned, and `accepted` goes out. */
  accept(actor: Actor, reference: string, request: AcceptReferralRequest) {
    return this.records.run(
      actor,
      reference,
      {
        mode: 'write',
        action: 'care-record.accepted',
        states: ['referred'],
        // A child-protection referral is assigned by the supervisor, never self-taken.
        basis: (_actor, _facts, record) => selfAcceptBasis(record.kind),
      },
      async ({ manager, withKey, publishStatus }) => {
        await insertAssignment(manager, reference, actor.subject, actor.subject);
        const { intakeNotes } = request;
        const notes = intakeNotes
          ? await withKey((key) =>
              encryptField(key, reference, 'intake-notes', reference, intakeNotes),
            )
          : null;
        await manager.query(
          `UPDATE care_records SET status = 'accepted', accepted_at = now(), intake_notes = $2
            WHERE reference = $1`,
          [reference, notes],
        );
        await publishStatus('accepted');
        return { reference, status: 'accepted' as const };
      },
    );
  }

  /** The supervisor adds a counsellor to a record (need-to-know is granted per record). */
  assign(actor: Actor, reference: string, request: AssignCounsellorRequest) {
    return this.records.run(
      actor,
      reference,
      {
        mode: 'write',
        action: 'assignment.added',
        states: ['referred', ...OPEN],
        basis: () => 'supervision',
      },
      async ({ manager, record, publishStatus }) => {
        await insertAssignment(manager, reference, request.counsellor, actor.subject);
        if (record.status === 'referred') {
          await manager.query(
            `UPDATE care_records SET status = 'accepted', accepted_at = now() WHERE reference = $1`,
            [reference],
          );
          await publishStatus('accepted');
        }
        return { reference, counsellor: request.counsellor };
      },
    );
  }
}

async function insertAssignment(
  manager: EntityManager,
  reference: string,
  counsellor: string,
  assignedBy: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO case_assignments (reference, counsellor, assigned_by) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [reference, counsellor, assignedBy],
  );
}
