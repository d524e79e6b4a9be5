import { z } from 'zod';
import { reasonCodeSchema } from '@reintegra/event-contracts';

export const mergeReturneesRequestSchema = z
  .object({
    mergedReturneeId: z.uuid().describe('The other record of the same person; kept, pointing here'),
    reasonCode: reasonCodeSchema.describe('Why they are one person, e.g. same-person-verified'),
  })
  .strict();
export type MergeReturneesRequest = z.infer<typeof mergeReturneesRequestSchema>;
