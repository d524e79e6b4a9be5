import { z } from 'zod';

/** Re-scores every stored assessment under the version, or one case's. */
export const rescoreRequestSchema = z
  .object({
    scoringVersion: z.string().min(1).max(40),
    /** Only this case's assessments; all of them when absent. */
    caseId: z.uuid().optional(),
  })
  .strict();
export type RescoreRequest = z.infer<typeof rescoreRequestSchema>;
