import { z } from 'zod';
import {
  reasonCodeSchema,
  referralPrioritySchema,
  referralServiceSchema,
} from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';

export const requestReferralSchema = z
  .object({
    service: referralServiceSchema.refine((service) => service !== 'victim-support', {
      message: bilingual(
        'Las remisiones a atención a víctimas usan su canal confidencial, no esta ruta.',
        'Victim-support referrals use their confidential channel, not this route.',
      ),
    }),
    priority: referralPrioritySchema,
    providerIds: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, {
        message: bilingual('Proveedores repetidos.', 'Repeated providers.'),
      })
      .describe('Providers asked in parallel (a bundle when more than one)'),
    reasonCode: reasonCodeSchema.optional(),
  })
  .strict();
export type RequestReferralRequest = z.infer<typeof requestReferralSchema>;

export const revokeReferralSchema = z.object({ reasonCode: reasonCodeSchema }).strict();
export type RevokeReferralRequest = z.infer<typeof revokeReferralSchema>;
