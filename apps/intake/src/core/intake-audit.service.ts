import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The office's decisions and writes that are audited. Codes only: the log never holds personal data. */
export type IntakeAuditAction =
  | 'returnee.merged'
  | 'plan.approved'
  | 'plan.rejected'
  | 'case.closure-proposed'
  | 'case.closed'
  | 'case-note.written'
  | 'case-document.uploaded'
  | 'household.member-added'
  | 'household.linked'
  | 'guardian.recorded'
  | 'case.transfer-requested'
  | 'case.transfer-accepted'
  | 'case.transfer-declined';

/**
 * Reads of personal data (see AuditedRead): one row per person, case, note or document shown.
 * Every read action ends in `.read`, so decisions and reads are told apart by the action alone.
 */
export type IntakeReadAction =
  | 'returnee.read'
  | 'returnee-list.read'
  | 'case.read'
  | 'case-list.read'
  | 'case-consents.read'
  | 'case-referrals.read'
  | 'case-plan.read'
  | 'case-assessments.read'
  | 'case-assessment.read'
  | 'case-scores.read'
  | 'case-notes.read'
  | 'case-note.read'
  | 'case-documents.read'
  | 'case-document.read';

/** What one read showed: a person, a case, and the note or document of the case. */
export interface ReadSubject {
  readonly returneeId?: string;
  readonly caseId?: string;
  readonly relatedId?: string;
}

export interface IntakeReadEntry {
  action: IntakeReadAction;
  actor: string;
  subjects: readonly ReadSubject[];
  /** Why a restricted note or document was read (a code, never free text). */
  reasonCode?: string;
  correlationId: string;
  at: Date;
}

export interface IntakeAuditEntry {
  action: IntakeAuditAction;
  /** Pseudonymous reference (`user:<subject>`) or `system:<component>`. */
  actor: string;
  returneeId?: string;
  caseId?: string;
  /** The other record the action concerns: merged returnee, plan, the episode that caused a closure, a transfer. */
  relatedId?: string;
  reasonCode?: string;
  correlationId: string;
  at: Date;
}

/**
 * Appends to the intake audit log inside the caller's transaction, so the entry exists exactly
 * when the decision it records does. The application role can only insert and read (migration
 * 1764202310000); a trigger refuses updates and deletes from anyone.
 */
@Injectable()
export class IntakeAudit {
  async record(manager: EntityManager, entry: IntakeAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (occurred_at, actor, action, returnee_id, case_id, related_id, reason_code, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.at,
        entry.actor,
        entry.action,
        entry.returneeId ?? null,
        entry.caseId ?? null,
        entry.relatedId ?? null,
        entry.reasonCode ?? null,
        entry.correlationId,
      ],
    );
  }

  /** One row per subject, in one statement (a list page names up to its page size). */
  async recordReads(manager: EntityManager, entry: IntakeReadEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (occurred_at, actor, action, returnee_id, case_id, related_id, reason_code, correlation_id)
       SELECT $1, $2, $3, s.returnee_id, s.case_id, s.related_id, $7, $8
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[]) AS s (returnee_id, case_id, related_id)`,
      [
        entry.at,
        entry.actor,
        entry.action,
        entry.subjects.map((subject) => subject.returneeId ?? null),
        entry.subjects.map((subject) => subject.caseId ?? null),
        entry.subjects.map((subject) => subject.relatedId ?? null),
        entry.reasonCode ?? null,
        entry.correlationId,
      ],
    );
  }
}
