import { Body, Get, Headers, Post, StreamableFile } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import {
  ApiBinaryBody,
  ApiBinaryResponse,
  ApiJsonResponse,
  ApiProblems,
  Caller,
  UuidParam,
  ValidQuery,
} from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { AuditedCaseList, CaseController } from '../core/case-routes';
import { readReasonQuerySchema, type ReadReason } from '../core/confidentiality';
import { DOCUMENT_TYPES, EXTENSIONS, UPLOAD_TYPES } from './document-type';
import { type UploadDocumentQuery, uploadDocumentQuerySchema } from './document.requests';
import { documentListSchema, documentSchema } from './document.responses';
import { DocumentsService } from './documents.service';

/** Documents of a case (PDF, JPEG, PNG), by the office of the case's municipality. */
@CaseController('cases/:caseId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /**
   * Uploads a file as the raw request body (not multipart). Its type is read from its bytes; a
   * declared Content-Type other than application/octet-stream must agree with them.
   */
  @Post()
  @ApiBinaryBody(
    UPLOAD_TYPES,
    'The file itself (PDF, JPEG or PNG), up to INTAKE_DOCUMENT_MAX_BYTES',
  )
  @ApiJsonResponse(201, documentSchema, { description: 'The stored document' })
  @ApiProblems({
    403: 'Case outside your municipality',
    404: 'No such case',
    415: 'Not a PDF, JPEG or PNG, or not the declared type',
    422: 'Refused by the virus scan',
  })
  upload(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') caseId: string,
    @ValidQuery(uploadDocumentQuerySchema) query: UploadDocumentQuery,
    @Body() bytes: unknown,
    @Headers('content-type') declaredType: string | undefined,
  ) {
    const upload = { bytes, declaredType };
    return this.documents.upload(caseId, upload, query, actor, context.correlationId);
  }

  /** The case's documents (what they are, not their content). */
  @Get()
  @AuditedCaseList(
    'case-documents.read',
    documentListSchema,
    { 403: 'Case outside your municipality', 404: 'No such case' },
    { description: 'The documents of the case' },
  )
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.documents.list(caseId, actor);
  }

  /** Downloads the file; a restricted one only by its uploader and supervisors, with a reason. */
  @Get(':documentId/content')
  @AuditedRead({
    action: 'case-document.read',
    subjects: (_answer, params) => [
      { caseId: params['caseId'] as string, relatedId: params['documentId'] as string },
    ],
  })
  @ApiBinaryResponse(200, DOCUMENT_TYPES, 'The file, byte for byte as uploaded')
  @ApiProblems({
    403: 'Case outside your municipality, or a restricted document of someone else',
    404: 'No such case or document',
    422: 'A restricted document read without a reason',
  })
  async content(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('documentId') documentId: string,
    @ValidQuery(readReasonQuerySchema) query: { reason?: ReadReason },
  ) {
    const { document, bytes } = await this.documents.content(
      caseId,
      documentId,
      actor,
      query.reason,
    );
    return new StreamableFile(bytes, {
      type: document.contentType,
      length: bytes.length,
      // A name without personal data: the person's name is not in the file name.
      disposition: `attachment; filename="documento-${documentId}.${EXTENSIONS[document.contentType]}"`,
    });
  }
}
