import { z } from 'zod';
import { districtCodeSchema } from '../shared/fields';

/**
 * Routing facts of the service directory, shared by the directory (which decides) and the
 * orchestrator (which records the decision on the path). Codes only, never text about a person.
 */
export const routingProximitySchema = z
  .enum(['same-district', 'same-municipality', 'same-department', 'elsewhere'])
  .describe('How near the chosen service is to where the person lives');
export type RoutingProximity = z.infer<typeof routingProximitySchema>;

/** Sex, only for the one eligibility rule that needs it (services for women only). */
export const eligibilitySexSchema = z.enum(['female', 'male']);

/**
 * What routing may know of the person: facts passed in for one decision and never stored by the
 * directory. Absent facts make services with that rule ineligible (never guessed).
 */
export const eligibilityFactsSchema = z
  .object({
    ageYears: z.int().min(0).max(130).optional(),
    sex: eligibilitySexSchema.optional(),
    districtCode: districtCodeSchema
      .optional()
      .describe('District of residence, for nearest-first routing'),
  })
  .strict();
export type EligibilityFacts = z.infer<typeof eligibilityFactsSchema>;

/** Why the directory chose a provider (recorded on the path's referral-routed event). */
export const routingReasonSchema = z.object({
  decidedBy: z.literal('service-directory'),
  code: z.string().regex(/^[a-z][a-z0-9.-]{1,63}$/),
  serviceId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  proximity: routingProximitySchema.optional(),
  capacity: z.enum(['available', 'unknown']).optional(),
  capacityAvailable: z.int().min(0).optional(),
  skipped: z.object({
    alreadyAsked: z.int().min(0),
    noCapacity: z.int().min(0),
    notEligible: z.int().min(0),
  }),
});
export type RoutingReason = z.infer<typeof routingReasonSchema>;
