import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createEvent,
  type VictimSupportReferralRequestedV1,
  type VictimSupportStatus,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import { ConflictError, ForbiddenError, NotFoundError } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import type { AuditAction, AuditPurpose } from '../audit/audit-chain';
import { AuditLog } from '../audit/audit-log';
import { CaseKeyService, caseErased, unknownReference } from '../crypto/case-keys';
import { decryptField, encryptField, type SensitiveField } from '../crypto/field-cipher';
import type { VictimSupportConfig } from '../config';
import { type AccessBasis, type AccessFacts, accessBasis } from './access-policy';
import type {
  AcceptReferralRequest,
  AddServiceRequest,
  AssignCounsellorRequest,
  BreakGlassRequest,
  CloseRecordRequest,
  DiscloseRequest,
  EraseRecordRequest,
  GrantConsentRequest,
  RecordSessionRequest,
  RiskAssessmentRequest,
  SafetyPlanRequest,
} from './care.requests';
import type { DisclosureCategory } from './care-vocabulary';

type RecordStatus = 'referred' | 'accepted' | 'engaged' | 'closed' | 'erased';

interface RecordRow {
  reference: string;
  priority: string;
  requested_services: string[];
  status: RecordStatus;
  risk_level: string | null;
  intake_notes: Buffer | null;
  closure_reason: string | null;
  received_at: Date;
  accepted_at: Date | null;
  engaged_at: Date | null;
  closed_at: Date | null;
  erased_at: Date | null;
}

interface WorkContext {
  manager: EntityManager;
  record: RecordRow;
  basis: AccessBasis;
  /** Runs `use` with the case key (wiped afterwards). */
  withKey<T>(use: (key: Buffer) => T | Promise<T>): Promise<T>;
}

interface Rule {
  mode: 'read' | 'write';
  action: AuditAction;
  /** States in which the operation makes sense; others are refused with a clear 409. */
  states?: readonly RecordStatus[];
  /** Replaces the need-to-know rule for operations with their own basis (accept, assign, …). */
  basis?: (actor: Actor, facts: AccessFacts, record: RecordRow) => AccessBasis | null;
  purpose?: AuditPurpose;
  reasonCode?: string;
}

const SOURCE = '/reintegra/victim-support';
/** Events name the service, never the counsellor: who cares for a survivor is itself sensitive. */
const EVENT_ACTOR = 'system:victim-support';
const OPEN: readonly RecordStatus[] = ['accepted', 'engaged'];

/** Thrown inside the transaction so that it rolls back; audited and answered as 403 outside. */
class NeedToKnowRefusal extends Error {}

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

const noConsent = () =>
  new ForbiddenError('disclosure.no-consent', {
    es: 'No hay un consentimiento vigente que cubra este destinatario y esta información.',
    en: 'No current consent covers this recipient and this information.',
  });

/**
 * The care record of a survivor. Every operation runs in one transaction that locks the record,
 * applies the need-to-know rule, does its work (encrypting or decrypting with the case key),
 * appends the audit row and, where the status changes, writes the status-only event to the
 * outbox: all of it commits, or none of it does. Refusals are audited in their own transaction.
 */
@Injectable()
export class CareRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: VictimSupportConfig,
  ) {}

  /** A referral from intake (Kafka), in the inbox transaction. Redeliveries change nothing. */
  async receiveReferral(
    manager: EntityManager,
    referral: VictimSupportReferralRequestedV1,
  ): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO care_records (reference, priority, requested_services, status)
       VALUES ($1, $2, $3, 'referred') ON CONFLICT (reference) DO NOTHING RETURNING reference`,
      [referral.reference, referral.priority, referral.requestedServices],
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

  /** Referrals waiting for a counsellor: codes only, no care content. */
  async pendingReferrals() {
    const rows: Pick<RecordRow, 'reference' | 'priority' | 'requested_services' | 'received_at'>[] =
      await this.dataSource.query(
        `SELECT reference, priority, requested_services, received_at FROM care_records
          WHERE status = 'referred'
          ORDER BY array_position(ARRAY['emergency','urgent','normal'], priority), received_at`,
      );
    return rows.map((row) => ({
      reference: row.reference,
      priority: row.priority,
      requestedServices: row.requested_services,
      receivedAt: row.received_at.toISOString(),
    }));
  }

  /** A counsellor takes a referral: they are assigned, and `accepted` goes out. */
  accept(actor: Actor, reference: string, request: AcceptReferralRequest) {
    return this.onRecord(
      actor,
      reference,
      {
        mode: 'write',
        action: 'care-record.accepted',
        states: ['referred'],
        basis: () => 'assigned-care',
      },
      async ({ manager, withKey }) => {
        await this.insertAssignment(manager, reference, actor.subject, actor.subject);
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
        await this.publishStatus(manager, reference, 'accepted');
        return { reference, status: 'accepted' as const };
      },
    );
  }

  /** The supervisor adds a counsellor to a record (need-to-know is granted per record). */
  assign(actor: Actor, reference: string, request: AssignCounsellorRequest) {
    return this.onRecord(
      actor,
      reference,
      {
        mode: 'write',
        action: 'assignment.added',
        states: ['referred', ...OPEN],
        basis: () => 'supervision',
      },
      async ({ manager, record }) => {
        await this.insertAssignment(manager, reference, request.counsellor, actor.subject);
        if (record.status === 'referred') {
          await manager.query(
            `UPDATE care_records SET status = 'accepted', accepted_at = now() WHERE reference = $1`,
            [reference],
          );
          await this.publishStatus(manager, reference, 'accepted');
        }
        return { reference, counsellor: request.counsellor };
      },
    );
  }

  /** The whole record, decrypted, for those who need to know. */
  read(actor: Actor, reference: string) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'read', action: 'care-record.read', states: ['accepted', 'engaged', 'closed'] },
      async ({ manager, record, basis, withKey }) => {
        // One connection per transaction: the queries run one after another.
        const rowsOf = (sql: string) => manager.query(sql, [reference]);
        const counsellors = await rowsOf(
          `SELECT counsellor, assigned_at FROM case_assignments WHERE reference = $1 ORDER BY assigned_at`,
        );
        const risks = await rowsOf(
          `SELECT id, level, reasons, assessed_by, assessed_at FROM risk_assessments
            WHERE reference = $1 ORDER BY assessed_at`,
        );
        const plans = await rowsOf(`SELECT * FROM safety_plans WHERE reference = $1`);
        const services = await rowsOf(
          `SELECT * FROM care_services WHERE reference = $1 ORDER BY started_at`,
        );
        const sessions = await rowsOf(
          `SELECT * FROM care_sessions WHERE reference = $1 ORDER BY held_at`,
        );
        const consents = await rowsOf(
          `SELECT * FROM consents WHERE reference = $1 ORDER BY granted_at`,
        );
        const disclosures = await rowsOf(
          `SELECT * FROM disclosures WHERE reference = $1 ORDER BY disclosed_at`,
        );
        return withKey((key) => {
          const open = (field: SensitiveField, rowId: string, value: Buffer) =>
            decryptField(key, reference, field, rowId, value);
          const plan = plans[0];
          return {
            reference,
            status: record.status,
            access: basis,
            priority: record.priority,
            requestedServices: record.requested_services,
            receivedAt: record.received_at,
            acceptedAt: record.accepted_at,
            engagedAt: record.engaged_at,
            closedAt: record.closed_at,
            closureReason: record.closure_reason,
            counsellors: counsellors.map((c: { counsellor: string; assigned_at: Date }) => ({
              counsellor: c.counsellor,
              assignedAt: c.assigned_at,
            })),
            intakeNotes: record.intake_notes
              ? open('intake-notes', reference, record.intake_notes)
              : null,
            riskLevel: record.risk_level,
            riskAssessments: risks.map(
              (r: {
                id: string;
                level: string;
                reasons: Buffer;
                assessed_by: string;
                assessed_at: Date;
              }) => ({
                id: r.id,
                level: r.level,
                ...(JSON.parse(open('risk-reasons', r.id, r.reasons)) as object),
                assessedBy: r.assessed_by,
                assessedAt: r.assessed_at,
              }),
            ),
            safetyPlan: plan
              ? {
                  ...(JSON.parse(open('safety-plan', reference, plan.plan)) as object),
                  updatedBy: plan.updated_by,
                  updatedAt: plan.updated_at,
                }
              : null,
            services: services.map(
              (s: {
                id: string;
                kind: string;
                legal_details: Buffer | null;
                started_by: string;
                started_at: Date;
              }) => ({
                id: s.id,
                kind: s.kind,
                legalCaseDetails: s.legal_details
                  ? open('legal-case-details', s.id, s.legal_details)
                  : null,
                startedBy: s.started_by,
                startedAt: s.started_at,
              }),
            ),
            sessions: sessions.map(
              (s: {
                id: string;
                service_id: string | null;
                held_at: Date;
                duration_minutes: number;
                notes: Buffer;
                recorded_by: string;
              }) => ({
                id: s.id,
                serviceId: s.service_id,
                heldAt: s.held_at,
                durationMinutes: s.duration_minutes,
                notes: open('session-notes', s.id, s.notes),
                recordedBy: s.recorded_by,
              }),
            ),
            consents: consents.map(toConsent),
            disclosures: disclosures.map(
              (d: {
                id: string;
                consent_id: string;
                recipient: string;
                categories: string[];
                disclosed_by: string;
                disclosed_at: Date;
              }) => ({
                id: d.id,
                consentId: d.consent_id,
                recipient: d.recipient,
                categories: d.categories,
                disclosedBy: d.disclosed_by,
                disclosedAt: d.disclosed_at,
              }),
            ),
          };
        });
      },
    );
  }

  assessRisk(actor: Actor, reference: string, request: RiskAssessmentRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'risk-assessment.recorded', states: OPEN },
      async ({ manager, withKey }) => {
        const id = randomUUID();
        const reasons = await withKey((key) =>
          encryptField(
            key,
            reference,
            'risk-reasons',
            id,
            JSON.stringify({ reasonCodes: request.reasonCodes, reasons: request.reasons ?? null }),
          ),
        );
        await manager.query(
          `INSERT INTO risk_assessments (id, reference, level, reasons, assessed_by, assessed_at)
           VALUES ($1, $2, $3, $4, $5, now())`,
          [id, reference, request.level, reasons, actor.subject],
        );
        await manager.query(`UPDATE care_records SET risk_level = $2 WHERE reference = $1`, [
          reference,
          request.level,
        ]);
        return { id, level: request.level };
      },
    );
  }

  updateSafetyPlan(actor: Actor, reference: string, request: SafetyPlanRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'safety-plan.updated', states: OPEN },
      async ({ manager, withKey }) => {
        const plan = await withKey((key) =>
          encryptField(key, reference, 'safety-plan', reference, JSON.stringify(request)),
        );
        await manager.query(
          `INSERT INTO safety_plans (reference, plan, updated_by, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (reference) DO UPDATE
             SET plan = excluded.plan, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          [reference, plan, actor.subject],
        );
        return { reference, updated: true };
      },
    );
  }

  addService(actor: Actor, reference: string, request: AddServiceRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'service.added', states: OPEN },
      async ({ manager, withKey }) => {
        const id = randomUUID();
        const { legalCaseDetails } = request;
        const details = legalCaseDetails
          ? await withKey((key) =>
              encryptField(key, reference, 'legal-case-details', id, legalCaseDetails),
            )
          : null;
        await manager.query(
          `INSERT INTO care_services (id, reference, kind, legal_details, started_by, started_at)
           VALUES ($1, $2, $3, $4, $5, now())`,
          [id, reference, request.kind, details, actor.subject],
        );
        return { id, kind: request.kind };
      },
    );
  }

  /** The first session of an accepted record means care has started: `engaged` goes out. */
  recordSession(actor: Actor, reference: string, request: RecordSessionRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'session.recorded', states: OPEN },
      async ({ manager, record, withKey }) => {
        if (request.serviceId) {
          const service: unknown[] = await manager.query(
            `SELECT 1 FROM care_services WHERE id = $1 AND reference = $2`,
            [request.serviceId, reference],
          );
          if (service.length === 0)
            throw new NotFoundError('care-service.not-found', {
              es: 'Ese servicio no pertenece a este expediente.',
              en: 'That service does not belong to this record.',
            });
        }
        const id = randomUUID();
        const notes = await withKey((key) =>
          encryptField(key, reference, 'session-notes', id, request.notes),
        );
        await manager.query(
          `INSERT INTO care_sessions
             (id, reference, service_id, held_at, duration_minutes, notes, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
          [
            id,
            reference,
            request.serviceId ?? null,
            request.heldAt,
            request.durationMinutes,
            notes,
            actor.subject,
          ],
        );
        if (record.status === 'accepted') {
          await manager.query(
            `UPDATE care_records SET status = 'engaged', engaged_at = now() WHERE reference = $1`,
            [reference],
          );
          await this.publishStatus(manager, reference, 'engaged');
        }
        return { id };
      },
    );
  }

  close(actor: Actor, reference: string, request: CloseRecordRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'care-record.closed', states: OPEN, reasonCode: request.reasonCode },
      async ({ manager }) => {
        await manager.query(
          `UPDATE care_records SET status = 'closed', closed_at = now(), closure_reason = $2
            WHERE reference = $1`,
          [reference, request.reasonCode],
        );
        await this.publishStatus(manager, reference, 'closed');
        return { reference, status: 'closed' as const };
      },
    );
  }

  grantConsent(actor: Actor, reference: string, request: GrantConsentRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'consent.granted', states: OPEN, reasonCode: request.purpose },
      async ({ manager }) => {
        const id = randomUUID();
        await manager.query(
          `INSERT INTO consents (id, reference, recipient, purpose, categories, recorded_by, granted_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          [id, reference, request.recipient, request.purpose, request.categories, actor.subject],
        );
        return { id, ...request };
      },
    );
  }

  /** Withdrawal takes effect at once: the row lock makes a concurrent disclosure wait and fail. */
  withdrawConsent(actor: Actor, reference: string, consentId: string) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'consent.withdrawn', states: [...OPEN, 'closed'] },
      async ({ manager }) => {
        const rows: { withdrawn_at: Date | null }[] = await manager.query(
          `SELECT withdrawn_at FROM consents WHERE id = $1 AND reference = $2 FOR UPDATE`,
          [consentId, reference],
        );
        if (!rows[0])
          throw new NotFoundError('consent.not-found', {
            es: 'No existe ese consentimiento en este expediente.',
            en: 'There is no such consent on this record.',
          });
        if (rows[0].withdrawn_at)
          throw new ConflictError('consent.already-withdrawn', {
            es: 'El consentimiento ya fue retirado.',
            en: 'The consent was already withdrawn.',
          });
        await manager.query(
          `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2 WHERE id = $1`,
          [consentId, actor.subject],
        );
        return { id: consentId, withdrawn: true };
      },
    );
  }

  /**
   * Shares consented categories with one recipient: checks a current consent that names the
   * recipient and covers every category, records the disclosure, and returns the package for the
   * counsellor to hand over through the recipient's own channel (nothing is sent on the bus).
   */
  disclose(actor: Actor, reference: string, request: DiscloseRequest) {
    return this.onRecord(
      actor,
      reference,
      { mode: 'write', action: 'disclosure.recorded', states: [...OPEN, 'closed'] },
      async ({ manager, record, withKey }) => {
        const consents: { recipient: string; categories: string[]; withdrawn_at: Date | null }[] =
          await manager.query(
            `SELECT recipient, categories, withdrawn_at FROM consents
              WHERE id = $1 AND reference = $2 FOR SHARE`,
            [request.consentId, reference],
          );
        const consent = consents[0];
        if (
          !consent ||
          consent.withdrawn_at ||
          consent.recipient !== request.recipient ||
          !request.categories.every((category) => consent.categories.includes(category))
        )
          throw noConsent();
        const id = randomUUID();
        await manager.query(
          `INSERT INTO disclosures (id, reference, consent_id, recipient, categories, disclosed_by, disclosed_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          [id, reference, request.consentId, request.recipient, request.categories, actor.subject],
        );
        const content = await this.disclosureContent(manager, record, request.categories, withKey);
        return { id, recipient: request.recipient, categories: request.categories, content };
      },
    );
  }

  /**
   * Emergency access for a counsellor who is not assigned: needs a reason code and a written
   * justification (encrypted), lasts BREAK_GLASS_MINUTES, is audited and lands in the
   * supervisor's notification queue in the same transaction.
   */
  breakGlass(actor: Actor, reference: string, request: BreakGlassRequest) {
    return this.onRecord(
      actor,
      reference,
      {
        mode: 'write',
        action: 'break-glass.granted',
        states: ['referred', ...OPEN, 'closed'],
        basis: () => 'break-glass',
        reasonCode: request.reasonCode,
      },
      async ({ manager, withKey }) => {
        const id = randomUUID();
        const justification = await withKey((key) =>
          encryptField(key, reference, 'break-glass-justification', id, request.justification),
        );
        const rows: { granted_at: Date; expires_at: Date }[] = await manager.query(
          `INSERT INTO break_glass_grants (id, reference, subject, reason_code, justification, granted_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(mins => $6))
           RETURNING granted_at, expires_at`,
          [
            id,
            reference,
            actor.subject,
            request.reasonCode,
            justification,
            this.config.BREAK_GLASS_MINUTES,
          ],
        );
        const [{ granted_at: grantedAt, expires_at: expiresAt }] = rows as [
          { granted_at: Date; expires_at: Date },
        ];
        await manager.query(
          `INSERT INTO supervisor_notifications (id, kind, reference, subject, reason_code, created_at, expires_at)
           VALUES ($1, 'break-glass', $2, $3, $4, $5, $6)`,
          [randomUUID(), reference, actor.subject, request.reasonCode, grantedAt, expiresAt],
        );
        return { id, reference, grantedAt, expiresAt };
      },
    );
  }

  /**
   * Erasure on request (crypto-shredding): the case key is destroyed, so every encrypted field is
   * unreadable for good — in this database and in every backup. The shell (codes and dates), the
   * erasure itself and the audit trail remain. An open record is reported `closed`.
   */
  erase(actor: Actor, reference: string, request: EraseRecordRequest) {
    return this.onRecord(
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
      async ({ manager, record }) => {
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
        if (record.status !== 'closed') await this.publishStatus(manager, reference, 'closed');
        return { reference, status: 'erased' as const };
      },
    );
  }

  /** The supervisor's queue of break-glass accesses not yet reviewed. */
  async openNotifications() {
    const rows: {
      id: string;
      kind: string;
      reference: string;
      subject: string;
      reason_code: string;
      created_at: Date;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT * FROM supervisor_notifications WHERE acknowledged_at IS NULL ORDER BY created_at`,
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      reference: row.reference,
      subject: row.subject,
      reasonCode: row.reason_code,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }));
  }

  async acknowledgeNotification(actor: Actor, id: string) {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE supervisor_notifications SET acknowledged_at = now(), acknowledged_by = $2
        WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
      [id, actor.subject],
    );
    if (rows.length === 0)
      throw new NotFoundError('notification.not-found', {
        es: 'No hay un aviso pendiente con ese identificador.',
        en: 'There is no open notification with that id.',
      });
    return { id, acknowledged: true };
  }

  /** One transaction per operation: lock, need-to-know, state, work, audit, outbox. */
  private async onRecord<T>(
    actor: Actor,
    reference: string,
    rule: Rule,
    work: (context: WorkContext) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const records: RecordRow[] = await manager.query(
          `SELECT * FROM care_records WHERE reference = $1 ${rule.mode === 'write' ? 'FOR UPDATE' : 'FOR SHARE'}`,
          [reference],
        );
        const record = records[0];
        if (!record) throw unknownReference();
        const factRows: { assigned: boolean; break_glass: boolean }[] = await manager.query(
          `SELECT EXISTS (SELECT 1 FROM case_assignments WHERE reference = $1 AND counsellor = $2) AS assigned,
                  EXISTS (SELECT 1 FROM break_glass_grants
                           WHERE reference = $1 AND subject = $2 AND expires_at > now()) AS break_glass`,
          [reference, actor.subject],
        );
        const facts: AccessFacts = {
          assigned: factRows[0]?.assigned === true,
          activeBreakGlass: factRows[0]?.break_glass === true,
        };
        const basis = rule.basis
          ? rule.basis(actor, facts, record)
          : accessBasis(actor, facts, rule.mode);
        if (!basis) throw new NeedToKnowRefusal();
        if (rule.states && !rule.states.includes(record.status)) throw wrongState(record.status);
        const result = await work({
          manager,
          record,
          basis,
          withKey: (use) => this.caseKeys.withKey(manager, reference, use),
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
      if (!(error instanceof NeedToKnowRefusal)) throw error;
      await this.audit.appendAlone({
        actorSubject: actor.subject,
        actorRoles: actor.roles,
        action: 'access.denied',
        reference,
        purpose: 'none',
        outcome: 'denied',
        reasonCode: rule.action,
      });
      throw needToKnow();
    }
  }

  private async insertAssignment(
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

  private async publishStatus(
    manager: EntityManager,
    reference: string,
    status: VictimSupportStatus,
  ): Promise<void> {
    const event = createEvent(victimSupportStatusChangedV1, {
      subject: reference,
      source: SOURCE,
      actor: EVENT_ACTOR,
      correlationId: randomUUID(),
      data: { reference, status },
    });
    await this.outbox.add(manager, victimSupportStatusChangedV1, event);
  }

  private async disclosureContent(
    manager: EntityManager,
    record: RecordRow,
    categories: readonly DisclosureCategory[],
    withKey: WorkContext['withKey'],
  ): Promise<Record<string, unknown>> {
    const reference = record.reference;
    const content: Record<string, unknown> = {};
    const services: { id: string; kind: string; legal_details: Buffer | null }[] =
      await manager.query(
        `SELECT id, kind, legal_details FROM care_services WHERE reference = $1`,
        [reference],
      );
    const plans: { plan: Buffer }[] = await manager.query(
      `SELECT plan FROM safety_plans WHERE reference = $1`,
      [reference],
    );
    await withKey((key) => {
      for (const category of categories) {
        if (category === 'risk-level') content['riskLevel'] = record.risk_level;
        if (category === 'services') content['services'] = services.map((s) => s.kind);
        if (category === 'safety-plan')
          content['safetyPlan'] = plans[0]
            ? JSON.parse(decryptField(key, reference, 'safety-plan', reference, plans[0].plan))
            : null;
        if (category === 'legal-case-details')
          content['legalCaseDetails'] = services.flatMap((s) =>
            s.legal_details
              ? [decryptField(key, reference, 'legal-case-details', s.id, s.legal_details)]
              : [],
          );
      }
    });
    return content;
  }
}

function toConsent(row: {
  id: string;
  recipient: string;
  purpose: string;
  categories: string[];
  granted_at: Date;
  withdrawn_at: Date | null;
}) {
  return {
    id: row.id,
    recipient: row.recipient,
    purpose: row.purpose,
    categories: row.categories,
    grantedAt: row.granted_at,
    withdrawnAt: row.withdrawn_at,
  };
}
