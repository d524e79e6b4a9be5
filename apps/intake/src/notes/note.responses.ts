import { z } from 'zod';
import { confidentialitySchema } from '../core/confidentiality';

export const noteSchema = z.object({
  noteId: z.uuid(),
  caseId: z.uuid(),
  confidentiality: confidentialitySchema,
  author: z.string().describe('Pseudonymous reference of the author (user:<subject>)'),
  writtenAt: z.iso.datetime(),
  text: z
    .string()
    .optional()
    .describe('Absent in lists for restricted notes: read them one by one, with a reason'),
});
export type Note = z.infer<typeof noteSchema>;

export const noteListSchema = z.object({ items: z.array(noteSchema) });
export type NoteList = z.infer<typeof noteListSchema>;
