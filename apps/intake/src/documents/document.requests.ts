import { z } from 'zod';
import { confidentialitySchema } from '../core/confidentiality';

export const documentKindSchema = z
  .enum(['identity-document', 'certificate', 'deportation-record', 'other'])
  .describe('What the paper is: DUI or passport, a certificate, a deportation record, other');

export const uploadDocumentQuerySchema = z.object({
  kind: documentKindSchema,
  confidentiality: confidentialitySchema.default('general'),
});
export type UploadDocumentQuery = z.infer<typeof uploadDocumentQuerySchema>;
