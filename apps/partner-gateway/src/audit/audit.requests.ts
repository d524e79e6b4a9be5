import { z } from 'zod';
import { agencyIdSchema } from '@reintegra/event-contracts';

export const auditLogQuery = z.object({
  agencyId: agencyIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

export const anonymousRefusalsQuery = z.object({
  /** From when (ISO 8601); default the last 24 hours. */
  since: z.coerce.date().optional(),
});
export type AnonymousRefusalsQuery = z.infer<typeof anonymousRefusalsQuery>;
