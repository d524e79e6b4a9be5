import { createHash } from 'node:crypto';

/** What was done to a care record. Codes only: the log never holds care content. */
export const AUDIT_ACTIONS = [
  'referral.received',
  'care-record.read',
  'care-record.accepted',
  'assignment.added',
  'risk-assessment.recorded',
  'safety-plan.updated',
  'service.added',
  'session.recorded',
  'care-record.closed',
  'consent.granted',
  'consent.withdrawn',
  'disclosure.recorded',
  'break-glass.granted',
  'care-record.erased',
  'access.denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Why the actor touched the record (the access basis), also a code. */
export type AuditPurpose =
  | 'referral'
  | 'assigned-care'
  | 'supervision'
  | 'break-glass'
  | 'erasure-request'
  | 'none';

export interface AuditEntry {
  occurredAt: Date;
  actorSubject: string;
  actorRoles: readonly string[];
  action: AuditAction;
  /** Pseudonymous reference of the care record (never a case or returnee id). */
  reference: string | null;
  purpose: AuditPurpose;
  outcome: 'allowed' | 'denied';
  /** A reason code where one applies (break-glass, erasure, closure); never free text. */
  reasonCode: string | null;
}

export interface StoredAuditRow extends AuditEntry {
  seq: string;
  prevHash: string;
  hash: string;
}

/** Hash of the first row's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Each row's hash covers the previous row's hash and every field of the row, in a fixed order,
 * so changing any field, deleting or reordering a row breaks the chain from that point on.
 */
export function auditHash(prevHash: string, entry: AuditEntry): string {
  const canonical = JSON.stringify([
    prevHash,
    entry.occurredAt.toISOString(),
    entry.actorSubject,
    [...entry.actorRoles],
    entry.action,
    entry.reference,
    entry.purpose,
    entry.outcome,
    entry.reasonCode,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type AuditVerification =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; brokenAtSeq: string; problem: 'modified' | 'missing-or-reordered' };

/** Re-computes the chain over rows in `seq` order; reports the first row that does not fit. */
export function verifyAuditChain(
  rows: Iterable<StoredAuditRow>,
  /** To verify in pages: the head hash and row count of the pages before. */
  from: { headHash: string; rows: number } = { headHash: GENESIS_HASH, rows: 0 },
): AuditVerification {
  let previous = from.headHash;
  let count = from.rows;
  for (const row of rows) {
    count += 1;
    if (row.prevHash !== previous) {
      return { ok: false, rows: count, brokenAtSeq: row.seq, problem: 'missing-or-reordered' };
    }
    if (auditHash(row.prevHash, row) !== row.hash) {
      return { ok: false, rows: count, brokenAtSeq: row.seq, problem: 'modified' };
    }
    previous = row.hash;
  }
  return { ok: true, rows: count, headHash: previous };
}
