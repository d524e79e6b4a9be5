import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { referralPrioritySchema } from '../referrals/referral-vocabulary';
import { municipalityCodeSchema } from '../shared/fields';
import { TOPICS } from '../topics';

/**
 * Victim support (survivors of sexual, gender-based and domestic violence) is confidential, so its
 * referral does NOT follow the generic referral.requested shape:
 *
 * - It carries a pseudonymous `reference`: a random uuid minted by intake for this one referral.
 *   It is never the case id or the returnee id and is not derived from them, so nothing on the bus
 *   or in the victim-support database links the care record back to the person. The mapping
 *   reference → case lives only in intake (which must route status events back to the path).
 * - Only a priority, the requested services and the survivor's municipality travel; no names, no
 *   screening answers, no reason. The municipality is a routing fact: the victims' office is
 *   municipal, and it decides which office's counsellors see the referral. It is optional only so
 *   that events published before it was added still parse; intake always sends it.
 * - It is sent only with the survivor's consent; `consentGiven: true` makes that an explicit part
 *   of the contract (an intake consent id is not sent: it would link back to the case).
 * - The envelope subject and the Kafka key are the reference, never the case id.
 * - Nothing joins it to the case-keyed `referral.requested` of the same referral: intake sends it
 *   after a random hold, with its own event and correlation ids, no causation, and the hour only
 *   as its `time` (see intake's victim-support dispatch).
 *
 * The schemas are strict: an event that carries any extra field (e.g. a caseId added by mistake)
 * breaks the contract and goes to the dead-letter topic instead of being stored.
 */
export const pseudonymousReferenceSchema = z
  .uuid()
  .describe('Pseudonymous reference: random per referral, never a case or returnee id');

export const victimSupportRequestedServiceSchema = z
  .enum(['psychological', 'legal', 'recreation'])
  .describe('Service asked of victim support');
export type VictimSupportRequestedService = z.infer<typeof victimSupportRequestedServiceSchema>;

/**
 * What the referral is for. `care`: a survivor of violence (the default: events from before the
 * field). `child-protection`: a minor's protection, from intake's child-protection route; victim
 * support holds it like any care record (own key, audited need-to-know, break-glass) but no
 * counsellor takes it from the queue: its supervisor assigns it. Added in place (optional, v1
 * unchanged otherwise): an older strict consumer refuses an event that carries it, so deploy
 * victim support and supervisor-api before intake, as for `municipalityCode`.
 */
export const careReferralKindSchema = z
  .enum(['care', 'child-protection'])
  .describe('What the referral is for: a survivor’s care, or a minor’s protection');
export type CareReferralKind = z.infer<typeof careReferralKindSchema>;

/** Inbound: intake asks victim support to care for a survivor (published by intake). */
export const victimSupportReferralRequestedV1 = defineEvent({
  type: 'sv.reintegra.victim-support.referral-requested.v1',
  topic: TOPICS.intakeReferrals,
  description:
    'Remisión confidencial a atención a víctimas / Confidential referral to victim support',
  data: z
    .object({
      reference: pseudonymousReferenceSchema,
      priority: referralPrioritySchema,
      requestedServices: z
        .array(victimSupportRequestedServiceSchema)
        .min(1)
        .max(3)
        .refine((services) => new Set(services).size === services.length, {
          message: 'services must not repeat',
        }),
      consentGiven: z.literal(true).describe('The survivor consented to this referral'),
      municipalityCode: municipalityCodeSchema
        .optional()
        .describe("Survivor's municipality (2024 code): routes the referral to that office"),
      kind: careReferralKindSchema.optional(),
    })
    .strict(),
});
export type VictimSupportReferralRequestedV1 = z.infer<
  typeof victimSupportReferralRequestedV1.data
>;

/** The only states that ever leave victim support. */
export const victimSupportStatusSchema = z
  .enum(['accepted', 'engaged', 'closed'])
  .describe('accepted: a counsellor took the referral; engaged: care started; closed');
export type VictimSupportStatus = z.infer<typeof victimSupportStatusSchema>;

/**
 * Outbound: status only, and the pseudonymous reference. Nothing else — no counsellor, no
 * service, no risk level, no reason codes, no dates beyond the envelope's `time` — because any
 * detail of the care (even "legal filing started") can put a survivor at risk.
 */
export const victimSupportStatusChangedV1 = defineEvent({
  type: 'sv.reintegra.victim-support.status-changed.v1',
  topic: TOPICS.referralStatus,
  description: 'Estado de la atención a víctimas / Victim support status',
  data: z
    .object({
      reference: pseudonymousReferenceSchema,
      status: victimSupportStatusSchema,
    })
    .strict(),
});
export type VictimSupportStatusChangedV1 = z.infer<typeof victimSupportStatusChangedV1.data>;

/** The data fields a status event may carry: the leak tests compare against this list. */
export const VICTIM_SUPPORT_STATUS_FIELDS = ['reference', 'status'] as const;
