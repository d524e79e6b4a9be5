import { z } from 'zod';
import {
  CONSENT_SCOPES,
  consentPurposeSchema,
  isConsentScopeAllowed,
} from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';

export const grantConsentRequestSchema = z
  .object({
    purpose: consentPurposeSchema,
    scope: z
      .string()
      .optional()
      .describe(
        `Service for service-referral (${CONSENT_SCOPES['service-referral'].join(', ')}); partner category for partner-sharing (${CONSENT_SCOPES['partner-sharing'].join(', ')}); none for statistics and contact`,
      ),
    formVersion: z.string().trim().min(1).max(40).describe('Version of the signed consent form'),
  })
  .strict()
  .superRefine((value, context) => {
    if (isConsentScopeAllowed(value.purpose, value.scope)) return;
    const allowed = CONSENT_SCOPES[value.purpose];
    context.addIssue({
      code: 'custom',
      path: ['scope'],
      message:
        allowed.length === 0
          ? bilingual(
              `El consentimiento para "${value.purpose}" no lleva alcance.`,
              `A "${value.purpose}" consent takes no scope.`,
            )
          : bilingual(
              `Indique a qué se refiere el consentimiento: uno de ${allowed.join(', ')}.`,
              `Name what the consent is for: one of ${allowed.join(', ')}.`,
            ),
    });
  });

export type GrantConsentRequest = z.infer<typeof grantConsentRequestSchema>;
