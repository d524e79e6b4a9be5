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

export interface AnonymousRefusal {
  /** First segment of the route, e.g. `agency` or `admin`. */
  readonly routeFamily: string;
  /** The problem code answered, e.g. `agency.credentials-invalid`. */
  readonly code: string;
  /** A fixed word for why (e.g. `unknown-key`, `token-rejected`), never the credential. */
  readonly reason: string;
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

  /**
   * Counts a refusal of a caller who never authenticated: one row per minute, route family, code
   * and reason, upserted, so a flood of bad credentials adds at most a few rows a minute.
   */
  async countAnonymousRefusal(refusal: AnonymousRefusal): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO anonymous_refusals (minute, route_family, code, reason, count)
       VALUES (date_trunc('minute', now()), $1, $2, $3, 1)
       ON CONFLICT (minute, route_family, code, reason)
       DO UPDATE SET count = anonymous_refusals.count + 1`,
      [refusal.routeFamily, refusal.code, refusal.reason],
    );
  }

  /** Anonymous refusals per minute, route family, code and reason since a time, newest first. */
  async anonymousRefusals(since: Date): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT minute, route_family AS "routeFamily", code, reason, count::int AS count
         FROM anonymous_refusals WHERE minute >= date_trunc('minute', $1::timestamptz)
        ORDER BY minute DESC, count DESC`,
      [since],
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
