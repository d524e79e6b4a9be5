import { z } from 'zod';
import {
  reasonCodeSchema,
  referralPrioritySchema,
  referralServiceSchema,
} from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';
import { recordedDate } from '../core/recorded-date';

/** How far back a referral made on paper may be recorded: its deadline runs from that date. */
export const MAX_BACKDATE_DAYS = 30;

export const requestReferralSchema = z
  .object({
    service: referralServiceSchema
      .refine((service) => service !== 'victim-support', {
        message: bilingual(
          'Las remisiones a atención a víctimas usan su canal confidencial, no esta ruta.',
          'Victim-support referrals use their confidential channel, not this route.',
        ),
      })
      // This route sends the case id and the person's age, sex and district to the providers: a
      // minor's protection referral goes through the confidential route instead (reference only).
      .refine((service) => service !== 'child-protection', {
        message: bilingual(
          'Las remisiones a protección de la niñez son confidenciales: use POST /cases/{id}/child-protection-referrals.',
          'Child-protection referrals are confidential: use POST /cases/{id}/child-protection-referrals.',
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
    requestedAt: recordedDate(MAX_BACKDATE_DAYS, {
      es: 'La fecha de la remisión',
      en: "The referral's date",
    })
      .optional()
      .describe(
        'When the referral was really made, if earlier than now (on paper, or while offline); its deadline runs from then',
      ),
  })
  .strict();
export type RequestReferralRequest = z.infer<typeof requestReferralSchema>;

export const revokeReferralSchema = z.object({ reasonCode: reasonCodeSchema }).strict();
export type RevokeReferralRequest = z.infer<typeof revokeReferralSchema>;
