import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The office's decisions that are audited. Codes only: the log never holds personal data. */
export type IntakeAuditAction =
  | 'returnee.merged'
  | 'plan.approved'
  | 'plan.rejected'
  | 'case.closure-proposed'
  | 'case.closed'
  | 'case.transfer-requested'
  | 'case.transfer-accepted'
  | 'case.transfer-declined';

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
}
