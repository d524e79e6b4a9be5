import { z } from 'zod';
import { confidentialitySchema } from '../core/confidentiality';

/** Longest note: a page or two of an interview, not a file (documents are for files). */
export const NOTE_MAX_CHARACTERS = 10_000;

export const writeNoteRequestSchema = z.object({
  text: z.string().trim().min(1).max(NOTE_MAX_CHARACTERS).describe('What happened or was agreed'),
  confidentiality: confidentialitySchema.default('general'),
});
export type WriteNoteRequest = z.infer<typeof writeNoteRequestSchema>;
