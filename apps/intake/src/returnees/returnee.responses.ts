import { z } from 'zod';

/** Answer to POST /returnees. */
export const registrationResponseSchema = z.object({
  returneeId: z.uuid(),
  caseId: z.uuid().describe('The first return episode'),
  episodeNumber: z.number().int().min(1),
  minor: z.boolean().describe('Under 18 on the return date'),
  links: z.object({ self: z.string(), path: z.string() }),
});
