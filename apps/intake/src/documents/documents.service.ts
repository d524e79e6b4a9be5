import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import {
  NotFoundError,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from '@reintegra/platform-errors';
import type { IntakeConfig } from '../config';
import { CaseAccess } from '../core/case-access.service';
import { assertMayRead, type ReadReason } from '../core/confidentiality';
import { IntakeAudit } from '../core/intake-audit.service';
import { RecordCipher } from '../core/record-cipher.service';
import { DOCUMENT_SCANNER, type DocumentScanner } from './document-scanner';
import { type DocumentType, documentTypeOf } from './document-type';
import {
  type DocumentRow,
  documentsOfCase,
  insertDocument,
  sealedDocument,
} from './document.queries';
import type { UploadDocumentQuery } from './document.requests';
import type { CaseDocument, CaseDocumentList } from './document.responses';

const notAllowedType = () =>
  new UnsupportedMediaTypeError('document.type-not-allowed', {
    es: 'El archivo no es un PDF, JPEG ni PNG (se revisa su contenido, no su nombre).',
    en: 'The file is not a PDF, JPEG or PNG (its content is checked, not its name).',
  });

const typeMismatch = () =>
  new UnsupportedMediaTypeError('document.type-mismatch', {
    es: 'El contenido del archivo no corresponde al tipo declarado.',
    en: 'The file’s content does not match the declared type.',
  });

const documentNotFound = () =>
  new NotFoundError('document.not-found', {
    es: 'El caso no tiene un documento con ese identificador.',
    en: 'The case has no document with that id.',
  });

function view(row: DocumentRow): CaseDocument {
  return {
    documentId: row.id,
    caseId: row.case_id,
    kind: row.kind as CaseDocument['kind'],
    confidentiality: row.confidentiality,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
    links: { content: `/cases/${row.case_id}/documents/${row.id}/content` },
  };
}

/**
 * Documents of a case: type checked from the bytes, scanned (hook), sealed and kept in PostgreSQL
 * beside the case (one backup, one transaction with its audit row), read within their
 * confidentiality.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseAccess,
    private readonly cipher: RecordCipher,
    private readonly audit: IntakeAudit,
    @Inject(DOCUMENT_SCANNER) private readonly scanner: DocumentScanner,
    @Inject(APP_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async upload(
    caseId: string,
    upload: { bytes: unknown; declaredType: string | undefined },
    query: UploadDocumentQuery,
    actor: Actor,
    correlationId: string,
  ): Promise<CaseDocument> {
    const bytes = this.checkedBytes(upload.bytes);
    const type = checkedType(bytes, upload.declaredType);
    const verdict = await this.scanner.scan(bytes, type);
    if (!verdict.clean) {
      throw new UnprocessableError('document.infected', {
        es: 'El análisis antivirus rechazó el archivo.',
        en: 'The virus scan refused the file.',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const episode = await this.cases.caseFor(manager, caseId, actor);
      const id = randomUUID();
      const sealed = await this.cipher.seal('case-document', caseId, id, bytes);
      const row = await insertDocument(
        manager,
        {
          id,
          case_id: caseId,
          kind: query.kind,
          confidentiality: query.confidentiality,
          content_type: type,
          size_bytes: bytes.length,
          uploaded_by: actorReference(actor),
        },
        sealed,
      );
      await this.audit.record(manager, {
        action: 'case-document.uploaded',
        actor: row.uploaded_by,
        returneeId: episode.returneeId,
        caseId,
        relatedId: id,
        correlationId,
        at: row.uploaded_at,
      });
      return view(row);
    });
  }

  async list(caseId: string, actor: Actor): Promise<CaseDocumentList> {
    const rows = await this.dataSource.transaction(async (manager) => {
      await this.cases.caseFor(manager, caseId, actor);
      return documentsOfCase(manager, caseId);
    });
    return { items: rows.map(view) };
  }

  async content(
    caseId: string,
    documentId: string,
    actor: Actor,
    reason?: ReadReason,
  ): Promise<{ document: CaseDocument; bytes: Buffer }> {
    const row = await this.dataSource.transaction(async (manager) => {
      await this.cases.caseFor(manager, caseId, actor);
      return sealedDocument(manager, caseId, documentId);
    });
    if (!row) throw documentNotFound();
    assertMayRead(actor, { confidentiality: row.confidentiality, author: row.uploaded_by }, reason);
    const bytes = await this.cipher.open('case-document', caseId, documentId, {
      kekId: row.kek_id,
      wrappedKey: row.wrapped_key,
      sealed: row.content,
    });
    return { document: view(row), bytes };
  }

  /** The raw body, within the configured size (the route's parser stops at the ceiling). */
  private checkedBytes(body: unknown): Buffer {
    // A JSON body (or none) is not a file: only the raw parser of the route yields a Buffer.
    if (!Buffer.isBuffer(body) || body.length === 0) throw notAllowedType();
    if (body.length > this.config.INTAKE_DOCUMENT_MAX_BYTES) {
      throw new PayloadTooLargeException(
        `documents are limited to ${this.config.INTAKE_DOCUMENT_MAX_BYTES} bytes`,
      );
    }
    return body;
  }
}

/** The bytes decide; a specific declared type must agree with them. */
function checkedType(bytes: Buffer, declared: string | undefined): DocumentType {
  const type = documentTypeOf(bytes);
  if (!type) throw notAllowedType();
  const declaredType = declared?.split(';')[0]?.trim().toLowerCase();
  if (declaredType !== 'application/octet-stream' && declaredType !== type) throw typeMismatch();
  return type;
}
