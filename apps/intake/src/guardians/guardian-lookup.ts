import type { EntityManager } from 'typeorm';
import type { GuardianCapacity } from './guardian.requests';

export interface GuardianView {
  caseId: string;
  householdMemberId: string | null;
  firstNames: string;
  lastNames: string;
  capacity: GuardianCapacity;
  phone: string | null;
  recordedAt: string;
}

/** The guardian of a case, with the name of a linked member read from the household. */
export async function guardianOf(
  manager: EntityManager,
  caseId: string,
): Promise<GuardianView | undefined> {
  const [row]: Array<Omit<GuardianView, 'recordedAt'> & { recordedAt: Date }> = await manager.query(
    `SELECT g.case_id AS "caseId", g.member_id AS "householdMemberId",
            COALESCE(r.first_names, m.first_names, g.first_names) AS "firstNames",
            COALESCE(r.last_names, m.last_names, g.last_names) AS "lastNames",
            g.capacity, g.phone, g.recorded_at AS "recordedAt"
       FROM case_guardians g
       LEFT JOIN household_members m ON m.id = g.member_id
       LEFT JOIN returnees r ON r.id = m.returnee_id
      WHERE g.case_id = $1`,
    [caseId],
  );
  return row ? { ...row, recordedAt: row.recordedAt.toISOString() } : undefined;
}
