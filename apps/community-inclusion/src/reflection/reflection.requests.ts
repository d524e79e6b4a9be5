import { z } from 'zod';

export const reflectionNoteSchema = z
  .object({ notes: z.string().trim().min(1).max(10_000) })
  .strict();
export type ReflectionNoteRequest = z.infer<typeof reflectionNoteSchema>;
