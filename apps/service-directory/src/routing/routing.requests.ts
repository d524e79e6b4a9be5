import { z } from 'zod';
import { eligibilityFactsSchema, referralServiceSchema } from '@reintegra/event-contracts';
import { municipalityCodeSchema, organizationIdSchema } from '../directory/directory.requests';

/** "Which provider next" for one referral: the person's facts are used for this answer only. */
export const nextProviderRequestSchema = z
  .object({
    referralId: z.uuid().optional().describe('For the logs; the directory stores nothing of it'),
    service: referralServiceSchema,
    municipalityCode: municipalityCodeSchema.describe("The person's municipality of residence"),
    eligibility: eligibilityFactsSchema.default({}),
    exclude: z.array(organizationIdSchema).max(50).default([]).describe('Providers already asked'),
  })
  .strict();
export type NextProviderRequest = z.infer<typeof nextProviderRequestSchema>;
