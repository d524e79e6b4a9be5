import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditEntry {
  /** `user:<subject>`, `agency:<id>`, `system:partner-gateway` or `anonymous`; never a name. */
  readonly actor: string;
  /** What was attempted, e.g. `subscription.create`, `agency.authenticate`. */
  readonly action: string;
  readonly outcome: 'allowed' | 'refused' | 'dropped';
  /** The problem code of a refusal or the reason of a drop. */
  readonly code?: string;
  readonly agencyId?: string;
  /** Id of what the action was about (subscription, credential, delivery, event). */
  readonly target?: string;
  /** Codes and counts only: never a secret, a credential or personal data. */
  readonly detail?: Record<string, unknown>;
}

/**
 * The append-only audit log (the application role may only insert and read; a trigger refuses
 * updates and deletes). Changes are audited in their own transaction; refusals on their own.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, action, outcome, code, agency_id, target, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actor,
        entry.action,
        entry.outcome,
        entry.code ?? null,
        entry.agencyId ?? null,
        entry.target ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  /** The newest entries, optionally of one agency. */
  async recent(agencyId: string | undefined, limit: number): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, at, actor, action, outcome, code, agency_id AS "agencyId", target, detail
         FROM audit_log WHERE ($1::text IS NULL OR agency_id = $1) ORDER BY id DESC LIMIT $2`,
      [agencyId ?? null, limit],
    );
  }
}
