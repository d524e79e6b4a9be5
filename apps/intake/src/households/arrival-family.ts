import type { EntityManager } from 'typeorm';
import { addReturneeMember, linkBothWays, memberOfReturnee } from './household-store';
import { type FamilyRole, relationBetween } from './relationships';

/**
 * A person registered from an arrival-list row that names a family (familyGroup): they join the
 * household of that family on that list and are linked to the relatives already registered,
 * by their roles. Someone already in another household stays there (the officer links them).
 */
export async function joinArrivalFamily(
  manager: EntityManager,
  entryId: string,
  returneeId: string,
  at: Date,
): Promise<void> {
  const [entry]: Array<{
    list_id: string;
    family_group: string | null;
    family_role: FamilyRole | null;
  }> = await manager.query(
    `SELECT list_id, family_group, family_role FROM arrival_entries WHERE id = $1`,
    [entryId],
  );
  if (!entry?.family_group) return;
  if (await memberOfReturnee(manager, returneeId)) return;
  const group = `${entry.list_id}/${entry.family_group}`;
  // Members of one family may be registered at the same moment: the unique group decides.
  await manager.query(
    `INSERT INTO households (id, arrival_group, created_at)
     VALUES (gen_random_uuid(), $1, $2) ON CONFLICT (arrival_group) DO NOTHING`,
    [group, at],
  );
  const [household]: Array<{ id: string }> = await manager.query(
    `SELECT id FROM households WHERE arrival_group = $1 FOR UPDATE`,
    [group],
  );
  if (!household) throw new Error('The household of an arrival family was not created');
  const householdId = household.id;
  const role = entry.family_role ?? 'other';
  const member = await addReturneeMember(manager, householdId, returneeId, at, role);
  const relatives: Array<{ id: string; arrival_role: FamilyRole | null }> = await manager.query(
    `SELECT id, arrival_role FROM household_members WHERE household_id = $1 AND id <> $2`,
    [householdId, member.id],
  );
  for (const relative of relatives) {
    await linkBothWays(
      manager,
      member.id,
      relative.id,
      relationBetween(role, relative.arrival_role ?? 'other'),
    );
  }
}
