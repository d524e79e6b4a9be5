import type { EntityManager } from 'typeorm';
import type { SealedEnvelope } from '@reintegra/platform-crypto';
import type { Confidentiality } from '../core/confidentiality';
import { insertSealed } from '../core/sealed-rows';

export interface NoteRow {
  id: string;
  case_id: string;
  confidentiality: Confidentiality;
  author: string;
  written_at: Date;
  kek_id: string;
  wrapped_key: Buffer;
  content: Buffer;
}

const COLUMNS = `id, case_id, confidentiality, author, written_at, kek_id, wrapped_key, content`;

export function insertNote(
  manager: EntityManager,
  note: Pick<NoteRow, 'id' | 'case_id' | 'confidentiality' | 'author'>,
  sealed: SealedEnvelope,
): Promise<NoteRow> {
  return insertSealed(manager, 'case_notes', note, sealed, COLUMNS);
}

/** A case's notes, oldest first; restricted ones without their sealed content (never opened in a list). */
export function notesOfCase(manager: EntityManager, caseId: string): Promise<NoteRow[]> {
  return manager.query(
    `SELECT id, case_id, confidentiality, author, written_at, kek_id,
            CASE WHEN confidentiality = 'general' THEN wrapped_key END AS wrapped_key,
            CASE WHEN confidentiality = 'general' THEN content END AS content
       FROM case_notes WHERE case_id = $1 ORDER BY written_at, id`,
    [caseId],
  );
}

export async function noteOfCase(
  manager: EntityManager,
  caseId: string,
  noteId: string,
): Promise<NoteRow | undefined> {
  const rows: NoteRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM case_notes WHERE case_id = $1 AND id = $2`,
    [caseId, noteId],
  );
  return rows[0];
}
