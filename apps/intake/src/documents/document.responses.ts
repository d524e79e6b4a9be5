import { z } from 'zod';
import { confidentialitySchema } from '../core/confidentiality';
import { DOCUMENT_TYPES } from './document-type';
import { documentKindSchema } from './document.requests';

export const documentSchema = z.object({
  documentId: z.uuid(),
  caseId: z.uuid(),
  kind: documentKindSchema,
  confidentiality: confidentialitySchema,
  contentType: z.enum(DOCUMENT_TYPES).describe('Read from the bytes, not from the declared type'),
  sizeBytes: z.number().int().min(1),
  uploadedBy: z.string().describe('Pseudonymous reference of who uploaded it (user:<subject>)'),
  uploadedAt: z.iso.datetime(),
  links: z.object({ content: z.string().describe('Where the file is downloaded') }),
});
export type CaseDocument = z.infer<typeof documentSchema>;

export const documentListSchema = z.object({ items: z.array(documentSchema) });
export type CaseDocumentList = z.infer<typeof documentListSchema>;
