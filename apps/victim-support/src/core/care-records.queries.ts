import type { EntityManager } from 'typeorm';
import type { AccessFacts } from './access-policy';

export type RecordStatus = 'referred' | 'accepted' | 'engaged' | 'closed' | 'erased';

/** The states in which care is given (and recorded). */
export const OPEN: readonly RecordStatus[] = ['accepted', 'engaged'];

/** What a record is for: a survivor's care, or a minor's protection (see access-policy.ts). */
export type CareKind = 'care' | 'child-protection';

export interface RecordRow {
  reference: string;
  kind: CareKind;
  priority: string;
  requested_services: string[];
  status: RecordStatus;
  /** The survivor's municipality, whose office holds the record; NULL if never routed. */
  municipality_code: string | null;
  risk_level: string | null;
  intake_notes: Buffer | null;
  closure_reason: string | null;
  received_at: Date;
  accepted_at: Date | null;
  engaged_at: Date | null;
  closed_at: Date | null;
  erased_at: Date | null;
}

/** The record row, locked for the transaction: exclusively to write, shared to read. */
export async function lockRecord(
  manager: EntityManager,
  reference: string,
  mode: 'read' | 'write',
): Promise<RecordRow | undefined> {
  const records: RecordRow[] = await manager.query(
    `SELECT * FROM care_records WHERE reference = $1 ${mode === 'write' ? 'FOR UPDATE' : 'FOR SHARE'}`,
    [reference],
  );
  return records[0];
}

/** What the need-to-know rule asks of the actor's relation to the record. */
export async function accessFactsOf(
  manager: EntityManager,
  reference: string,
  subject: string,
): Promise<AccessFacts> {
  const factRows: { assigned: boolean; break_glass: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM case_assignments WHERE reference = $1 AND counsellor = $2) AS assigned,
            EXISTS (SELECT 1 FROM break_glass_grants
                     WHERE reference = $1 AND subject = $2 AND expires_at > now()) AS break_glass`,
    [reference, subject],
  );
  return {
    assigned: factRows[0]?.assigned === true,
    activeBreakGlass: factRows[0]?.break_glass === true,
  };
}
