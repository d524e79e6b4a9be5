import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type VictimSupportStatus, victimSupportStatusChangedV1 } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, ForbiddenError } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import type { AuditAction, AuditPurpose } from '../audit/audit-chain';
import { AuditLog } from '../audit/audit-log.service';
import { CaseKeyService, caseErased, unknownReference } from '../crypto/case-keys.service';
import { type AccessBasis, type AccessFacts, accessBasis, inOffice } from './access-policy';
import {
  accessFactsOf,
  lockRecord,
  type RecordRow,
  type RecordStatus,
} from './care-records.queries';

export interface WorkContext {
  manager: EntityManager;
  record: RecordRow;
  basis: AccessBasis;
  /** Runs `use` with the case key (wiped afterwards). */
  withKey<T>(use: (key: Buffer) => T | Promise<T>): Promise<T>;
  /** Writes the status-only event of the record to the outbox, in this transaction. */
  publishStatus(status: VictimSupportStatus): Promise<void>;
}

export interface Rule {
  mode: 'read' | 'write';
  action: AuditAction;
  /** States in which the operation makes sense; others are refused with a clear 409. */
  states?: readonly RecordStatus[];
  /** Replaces the need-to-know rule for operations with their own basis (accept, assign, …). */
  basis?: (actor: Actor, facts: AccessFacts, record: RecordRow) => AccessBasis | null;
  purpose?: AuditPurpose;
  reasonCode?: string;
}

/**
 * Thrown inside the transaction so that it rolls back; audited outside and answered with `answer`:
 * 403 for need-to-know, and for another office's record the same 404 as for no record at all.
 */
class AccessRefusal extends Error {
  constructor(readonly answer: () => Error) {
    super('access refused');
  }
}

const needToKnow = () =>
  new ForbiddenError('care-record.need-to-know', {
    es: 'Solo las consejeras asignadas y la supervisión de atención a víctimas pueden acceder a este expediente. En una emergencia, use el acceso de emergencia.',
    en: 'Only the assigned counsellors and the victim-support supervisor may access this record. In an emergency, use break-glass access.',
  });

const wrongState = (status: RecordStatus) => {
  if (status === 'erased') return caseErased();
  if (status === 'closed')
    return new ConflictError('care-record.closed', {
      es: 'El expediente está cerrado; no admite más registros.',
      en: 'The record is closed; nothing more can be recorded.',
    });
  if (status === 'referred')
    return new ConflictError('care-record.not-accepted', {
      es: 'La remisión aún no ha sido aceptada por una consejera.',
      en: 'The referral has not been accepted by a counsellor yet.',
    });
  return new ConflictError('care-record.already-accepted', {
    es: 'La remisión ya fue aceptada.',
    en: 'The referral was already accepted.',
  });
};

/**
 * The way into a survivor's care record, for every use case. Each operation runs in one
 * transaction that locks the record, applies the office scope and the need-to-know rule, does its
 * work (encrypting or decrypting with the case key), appends the audit row and, where the status
 * changes, writes the status-only event to the outbox: all of it commits, or none of it does.
 * Refusals are audited in their own transaction.
 */
@Injectable()
export class CareRecordAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
  ) {}

  /** One transaction per operation: lock, office, need-to-know, state, work, audit, outbox. */
  async run<T>(
    actor: Actor,
    reference: string,
    rule: Rule,
    work: (context: WorkContext) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const record = await lockRecord(manager, reference, rule.mode);
        if (!record) throw unknownReference();
        if (!inOffice(actor, record.municipality_code)) throw new AccessRefusal(unknownReference);
        const facts = await accessFactsOf(manager, reference, actor.subject);
        const basis = rule.basis
          ? rule.basis(actor, facts, record)
          : accessBasis(actor, facts, rule.mode);
        if (!basis) throw new AccessRefusal(needToKnow);
        if (rule.states && !rule.states.includes(record.status)) throw wrongState(record.status);
        const result = await work({
          manager,
          record,
          basis,
          withKey: (use) => this.caseKeys.withKey(manager, reference, use),
          publishStatus: (status) => this.publishStatus(manager, reference, status),
        });
        await this.audit.append(manager, {
          actorSubject: actor.subject,
          actorRoles: actor.roles,
          action: rule.action,
          reference,
          purpose: rule.purpose ?? basis,
          outcome: 'allowed',
          reasonCode: rule.reasonCode ?? null,
        });
        return result;
      });
    } catch (error) {
      if (!(error instanceof AccessRefusal)) throw error;
      await this.auditRefusal(actor, reference, rule.action);
      throw error.answer();
    }
  }

  /**
   * The office scope for routes that read no care content (the audit trail): another office's
   * record, or none, is answered 404; a refusal is audited like any other.
   */
  async assertInOffice(actor: Actor, reference: string, reasonCode: string): Promise<void> {
    const rows: { municipality_code: string | null }[] = await this.dataSource.query(
      `SELECT municipality_code FROM care_records WHERE reference = $1`,
      [reference],
    );
    if (!rows[0]) throw unknownReference();
    if (inOffice(actor, rows[0].municipality_code)) return;
    await this.auditRefusal(actor, reference, reasonCode);
    throw unknownReference();
  }

  private auditRefusal(actor: Actor, reference: string, reasonCode: string): Promise<void> {
    return this.audit.appendAlone({
      actorSubject: actor.subject,
      actorRoles: actor.roles,
      action: 'access.denied',
      reference,
      purpose: 'none',
      outcome: 'denied',
      reasonCode,
    });
  }

  /**
   * Events name the service, never the counsellor (who cares for a survivor is itself sensitive),
   * and start a correlation of their own so that nothing outside ties them to a counsellor's request.
   */
  private async publishStatus(
    manager: EntityManager,
    reference: string,
    status: VictimSupportStatus,
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      victimSupportStatusChangedV1,
      { subject: reference, data: { reference, status } },
      { actor: this.outbox.origin.systemActor, correlationId: randomUUID() },
    );
  }
}
