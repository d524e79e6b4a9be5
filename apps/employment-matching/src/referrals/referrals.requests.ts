import { z } from 'zod';
import { reasonCodeSchema } from '../core/common.requests';

export const declineSchema = z
  .object({
    reasonCode: reasonCodeSchema.describe('e.g. no-suitable-vacancies, out-of-area, not-eligible'),
  })
  .strict();
export type DeclineRequest = z.infer<typeof declineSchema>;

export const closeReferralSchema = z
  .object({
    outcome: z.enum(['completed', 'not-completed']),
    reasonCode: reasonCodeSchema.describe(
      'Outcome or reason, e.g. self-employed, found-work-independently, disengaged, re-migrated',
    ),
  })
  .strict();
export type CloseReferralRequest = z.infer<typeof closeReferralSchema>;
