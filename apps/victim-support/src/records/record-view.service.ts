import { Injectable } from '@nestjs/common';
import type { Actor } from '@reintegra/platform-auth';
import { decryptField, type SensitiveField } from '../crypto/field-cipher';
import { CareRecordAccess } from '../core/care-record-access.service';

/** Reading a care record as a whole; every read is audited with its basis. */
@Injectable()
export class RecordViewService {
  constructor(private readonly records: CareRecordAccess) {}

  /** The whole record, decrypted, for those who need to know. */
  read(actor: Actor, reference: string) {
    return this.records.run(
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
            kind: record.kind,
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
