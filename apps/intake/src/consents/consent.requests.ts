import { z } from 'zod';
import { consentPurposeSchema } from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';

export const grantConsentRequestSchema = z
  .object({
    purpose: consentPurposeSchema,
    scope: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,63}$/)
      .optional()
      .describe(
        'Service for service-referral (e.g. employment), partner category for partner-sharing',
      ),
    formVersion: z.string().trim().min(1).max(40).describe('Version of the signed consent form'),
  })
  .strict()
  .refine(
    (value) =>
      !['service-referral', 'partner-sharing'].includes(value.purpose) || value.scope !== undefined,
    {
      path: ['scope'],
      message: bilingual(
        'Indique el servicio o la categoría de socio a la que se refiere el consentimiento.',
        'Name the service or partner category the consent is for.',
      ),
    },
  );

export type GrantConsentRequest = z.infer<typeof grantConsentRequestSchema>;
