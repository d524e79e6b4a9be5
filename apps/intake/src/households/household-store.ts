import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { inverseOf, type FamilyRole, type Relationship } from './relationships';

export interface MemberRef {
  id: string;
  householdId: string;
}

/** The household membership of a returnee, if they belong to one (read in the caller's transaction). */
export async function memberOfReturnee(
  manager: EntityManager,
  returneeId: string,
): Promise<MemberRef | undefined> {
  const [row]: Array<{ id: string; household_id: string }> = await manager.query(
    `SELECT id, household_id FROM household_members WHERE returnee_id = $1 FOR UPDATE`,
    [returneeId],
  );
  return row ? { id: row.id, householdId: row.household_id } : undefined;
}

export async function newHousehold(
  manager: EntityManager,
  at: Date,
  arrivalGroup: string | null = null,
): Promise<string> {
  const id = randomUUID();
  await manager.query(
    `INSERT INTO households (id, arrival_group, created_at) VALUES ($1, $2, $3)`,
    [id, arrivalGroup, at],
  );
  return id;
}

/** Adds a returnee to a household (one household per person). */
export async function addReturneeMember(
  manager: EntityManager,
  householdId: string,
  returneeId: string,
  at: Date,
  arrivalRole: FamilyRole | null = null,
): Promise<MemberRef> {
  const id = randomUUID();
  await manager.query(
    `INSERT INTO household_members (id, household_id, returnee_id, arrival_role, added_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [id, householdId, returneeId, arrivalRole, at],
  );
  return { id, householdId };
}

/** The returnee's membership, creating a household of their own when they have none. */
export async function ensureReturneeMember(
  manager: EntityManager,
  returneeId: string,
  at: Date,
): Promise<MemberRef> {
  const existing = await memberOfReturnee(manager, returneeId);
  if (existing) return existing;
  return addReturneeMember(manager, await newHousehold(manager, at), returneeId, at);
}

/** "relative is member's `relationship`", and its inverse; a later link replaces an earlier one. */
export async function linkBothWays(
  manager: EntityManager,
  memberId: string,
  relativeId: string,
  relationship: Relationship,
): Promise<void> {
  await manager.query(
    `INSERT INTO household_links (member_id, relative_id, relationship)
     VALUES ($1, $2, $3), ($2, $1, $4)
     ON CONFLICT (member_id, relative_id) DO UPDATE SET relationship = EXCLUDED.relationship`,
    [memberId, relativeId, relationship, inverseOf(relationship)],
  );
}

export interface MemberPerson {
  id: string;
  returneeId: string | null;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
}

/** A member of the returnee's household with their name and birth date, if they are one. */
export async function memberInHouseholdOf(
  manager: EntityManager,
  returneeId: string,
  memberId: string,
): Promise<MemberPerson | undefined> {
  const [row]: MemberPerson[] = await manager.query(
    `SELECT m.id, m.returnee_id AS "returneeId",
            COALESCE(r.first_names, m.first_names) AS "firstNames",
            COALESCE(r.last_names, m.last_names) AS "lastNames",
            COALESCE(r.date_of_birth, m.date_of_birth)::text AS "dateOfBirth"
       FROM household_members m
       JOIN household_members own ON own.household_id = m.household_id AND own.returnee_id = $1
       LEFT JOIN returnees r ON r.id = m.returnee_id
      WHERE m.id = $2`,
    [returneeId, memberId],
  );
  return row;
}
