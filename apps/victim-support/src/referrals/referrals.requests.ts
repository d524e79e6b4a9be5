import { z } from 'zod';
import { text } from '../core/request-fields';

export const acceptReferralSchema = z
  .object({ intakeNotes: text(20_000).optional().describe('Notas de acogida (cifradas)') })
  .strict();
export type AcceptReferralRequest = z.infer<typeof acceptReferralSchema>;

export const assignCounsellorSchema = z
  .object({ counsellor: z.string().min(1).max(200).describe('Subject of the counsellor') })
  .strict();
export type AssignCounsellorRequest = z.infer<typeof assignCounsellorSchema>;
