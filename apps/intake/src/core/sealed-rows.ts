import type { EntityManager } from 'typeorm';
import type { SealedEnvelope } from '@reintegra/platform-crypto';

/**
 * Inserts a row whose content is sealed (kek_id, wrapped_key, content) and returns the given
 * columns. Column names come from the caller's code, never from a request.
 */
export async function insertSealed<Row>(
  manager: EntityManager,
  table: 'case_notes' | 'case_documents',
  columns: Readonly<Record<string, unknown>>,
  sealed: SealedEnvelope,
  returning: string,
): Promise<Row> {
  const names = [...Object.keys(columns), 'kek_id', 'wrapped_key', 'content'];
  const values = [...Object.values(columns), sealed.kekId, sealed.wrappedKey, sealed.sealed];
  const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
  const rows: Row[] = await manager.query(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders}) RETURNING ${returning}`,
    values,
  );
  return rows[0] as Row;
}
