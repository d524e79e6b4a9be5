import { z } from 'zod';
import { closureReasonSchema } from '@reintegra/event-contracts';

/** Approve the plan version the supervisor read (it becomes If-Match for intake). */
export const approvePlanSchema = z.object({ planVersion: z.int().min(1) }).strict();
export type ApprovePlanRequest = z.infer<typeof approvePlanSchema>;

export const closeCaseSchema = z.object({ reason: closureReasonSchema }).strict();
export type CloseCaseRequest = z.infer<typeof closeCaseSchema>;
