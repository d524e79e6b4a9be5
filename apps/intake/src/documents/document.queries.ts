import type { EntityManager } from 'typeorm';
import type { SealedEnvelope } from '@reintegra/platform-crypto';
import type { Confidentiality } from '../core/confidentiality';
import { insertSealed } from '../core/sealed-rows';
import type { DocumentType } from './document-type';

export interface DocumentRow {
  id: string;
  case_id: string;
  kind: string;
  confidentiality: Confidentiality;
  content_type: DocumentType;
  size_bytes: number;
  uploaded_by: string;
  uploaded_at: Date;
}

export interface SealedDocumentRow extends DocumentRow {
  kek_id: string;
  wrapped_key: Buffer;
  content: Buffer;
}

const METADATA = `id, case_id, kind, confidentiality, content_type, size_bytes, uploaded_by, uploaded_at`;

export function insertDocument(
  manager: EntityManager,
  document: Omit<DocumentRow, 'uploaded_at'>,
  sealed: SealedEnvelope,
): Promise<DocumentRow> {
  return insertSealed(manager, 'case_documents', document, sealed, METADATA);
}

/** A case's documents without their content, oldest first. */
export function documentsOfCase(manager: EntityManager, caseId: string): Promise<DocumentRow[]> {
  return manager.query(
    `SELECT ${METADATA} FROM case_documents WHERE case_id = $1 ORDER BY uploaded_at, id`,
    [caseId],
  );
}

export async function sealedDocument(
  manager: EntityManager,
  caseId: string,
  documentId: string,
): Promise<SealedDocumentRow | undefined> {
  const rows: SealedDocumentRow[] = await manager.query(
    `SELECT ${METADATA}, kek_id, wrapped_key, content FROM case_documents WHERE case_id = $1 AND id = $2`,
    [caseId, documentId],
  );
  return rows[0];
}
