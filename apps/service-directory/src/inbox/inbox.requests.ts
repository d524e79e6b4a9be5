import { z } from 'zod';
import { reasonCodeSchema } from '@reintegra/event-contracts';

export const declineSchema = z.object({ reasonCode: reasonCodeSchema }).strict();
export type DeclineRequest = z.infer<typeof declineSchema>;

export const completionSchema = z
  .object({ outcomeCode: reasonCodeSchema.describe('e.g. housed, documents-issued, treated') })
  .strict();
export type CompletionRequest = z.infer<typeof completionSchema>;
