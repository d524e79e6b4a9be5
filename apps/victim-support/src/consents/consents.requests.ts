import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { CONSENT_PURPOSES, DISCLOSURE_CATEGORIES } from '../core/care-vocabulary';
import { noRepeats, unique } from '../core/request-fields';

/** A recipient code, e.g. `legal-partner:org-7` (an organisation id, never a person's name). */
const recipientSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,63}(:[A-Za-z0-9-]{1,100})?$/,
    bilingual('Destinatario no válido.', 'Invalid recipient.'),
  );

export const grantConsentSchema = z
  .object({
    recipient: recipientSchema,
    purpose: z.enum(CONSENT_PURPOSES),
    categories: z.array(z.enum(DISCLOSURE_CATEGORIES)).min(1).refine(unique, noRepeats),
  })
  .strict();
export type GrantConsentRequest = z.infer<typeof grantConsentSchema>;

export const discloseSchema = z
  .object({
    consentId: z.uuid(),
    recipient: recipientSchema,
    categories: z.array(z.enum(DISCLOSURE_CATEGORIES)).min(1).refine(unique, noRepeats),
  })
  .strict();
export type DiscloseRequest = z.infer<typeof discloseSchema>;
