import { z } from 'zod';
import { agencyIdSchema } from '@reintegra/event-contracts';

export const auditLogQuery = z.object({
  agencyId: agencyIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;
