import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  auditHash,
  type AuditEntry,
  type AuditVerification,
  GENESIS_HASH,
  type StoredAuditRow,
  verifyAuditChain,
} from './audit-chain';

/** Serialises appends so that every row links to the one before it (one chain per database). */
const AUDIT_CHAIN_LOCK = 7_420_001;

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_subject: string;
  actor_roles: string[];
  action: AuditEntry['action'];
  reference: string | null;
  purpose: AuditEntry['purpose'];
  outcome: AuditEntry['outcome'];
  reason_code: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Append-only, hash-chained audit log of every read and write of a care record (`audit_log`).
 * The application role may only INSERT and SELECT it (see the migration) and a trigger refuses
 * UPDATE/DELETE even for the owner; the chain makes any change made around those guards visible
 * to `verify`. Appends run inside the caller's transaction, so a write and its audit row commit
 * or roll back together; a transaction-scoped advisory lock keeps the chain linear.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, entry: Omit<AuditEntry, 'occurredAt'>): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_CHAIN_LOCK]);
    const last: { hash: string }[] = await manager.query(
      `SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
    );
    const prevHash = last[0]?.hash ?? GENESIS_HASH;
    // Millisecond precision so that the stored timestamp hashes the same when read back.
    const full: AuditEntry = { ...entry, occurredAt: new Date() };
    await manager.query(
      `INSERT INTO audit_log (occurred_at, actor_subject, actor_roles, action, reference, purpose,
                              outcome, reason_code, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        full.occurredAt,
        full.actorSubject,
        [...full.actorRoles],
        full.action,
        full.reference,
        full.purpose,
        full.outcome,
        full.reasonCode,
        prevHash,
        auditHash(prevHash, full),
      ],
    );
  }

  /** Appends in its own transaction: for denied attempts, whose own transaction rolls back. */
  async appendAlone(entry: Omit<AuditEntry, 'occurredAt'>): Promise<void> {
    await this.dataSource.transaction((manager) => this.append(manager, entry));
  }

  /** The audit trail of one record, oldest first (what a supervisor or auditor reviews). */
  async forReference(reference: string): Promise<StoredAuditRow[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_log WHERE reference = $1 ORDER BY seq`,
      [reference],
    );
    return rows.map(toStored);
  }

  /** Walks the whole chain in pages (constant memory). */
  verify(pageSize = 5000): Promise<AuditVerification> {
    return verifyAuditLog((sql, parameters) => this.dataSource.query(sql, parameters), pageSize);
  }
}

/** Verification over any connection (the auditor's read-only role, a test transaction, …). */
export async function verifyAuditLog(
  query: (sql: string, parameters: unknown[]) => Promise<unknown[]>,
  pageSize = 5000,
): Promise<AuditVerification> {
  let head = { headHash: GENESIS_HASH, rows: 0 };
  let after = '0';
  for (;;) {
    const page = (await query(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [
      after,
      pageSize,
    ])) as AuditRow[];
    if (page.length === 0) return { ok: true, ...head };
    const result = verifyAuditChain(page.map(toStored), head);
    if (!result.ok) return result;
    head = { headHash: result.headHash, rows: result.rows };
    after = String(page.at(-1)?.seq);
  }
}

function toStored(row: AuditRow): StoredAuditRow {
  return {
    seq: String(row.seq),
    occurredAt: new Date(row.occurred_at),
    actorSubject: row.actor_subject,
    actorRoles: row.actor_roles,
    action: row.action,
    reference: row.reference,
    purpose: row.purpose,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
