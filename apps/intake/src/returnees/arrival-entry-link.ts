import type { EntityManager } from 'typeorm';
import { ConflictError } from '@reintegra/platform-errors';
import { bilingual, RequestValidationError } from '@reintegra/platform-http';
import { joinArrivalFamily } from '../households/arrival-family';

/**
 * Marks the arrival-list entry a registration came from as registered, in the registration's
 * transaction: an entry is registered once, and only an existing one. A person of a family on
 * the list joins that family's household.
 */
export async function registerArrivalEntry(
  manager: EntityManager,
  entryId: string,
  returneeId: string,
  at: Date,
): Promise<void> {
  const [entry]: Array<{ status: string; returnee_id: string | null }> = await manager.query(
    `SELECT status, returnee_id FROM arrival_entries WHERE id = $1 FOR UPDATE`,
    [entryId],
  );
  if (!entry) {
    throw new RequestValidationError([
      {
        code: 'custom',
        path: ['arrivalEntryId'],
        message: bilingual(
          'No existe esa entrada de lista de llegada.',
          'No arrival list entry with that id.',
        ),
        input: entryId,
      },
    ]);
  }
  if (entry.status === 'registered') {
    throw new ConflictError(
      'arrival-entry.already-registered',
      {
        es: 'Esta persona de la lista de llegada ya fue registrada.',
        en: 'This person of the arrival list is already registered.',
      },
      `/returnees/${entry.returnee_id}`,
    );
  }
  await manager.query(
    `UPDATE arrival_entries SET status = 'registered', returnee_id = $2, registered_at = $3 WHERE id = $1`,
    [entryId, returneeId, at],
  );
  await joinArrivalFamily(manager, entryId, returneeId, at);
}
