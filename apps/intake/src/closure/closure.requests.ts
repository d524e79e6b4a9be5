import { z } from 'zod';
import { closureReasonSchema } from '@reintegra/event-contracts';

export const closureRequestSchema = z.object({ reason: closureReasonSchema }).strict();
export type ClosureRequest = z.infer<typeof closureRequestSchema>;
