import {
  partnerCaseClosedV1,
  partnerCaseOpenedV1,
  partnerEventCatalogue,
  partnerPathPhaseChangedV1,
  type PartnerCategory,
  partnerReferralRequestedV1,
  type PartnerReferralService,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
} from '@reintegra/event-contracts';

/** One event type a category may receive; `services` narrows referral events to those services. */
export interface PolicyEntry {
  readonly type: string;
  readonly services?: readonly PartnerReferralService[];
}

const all = (type: string): PolicyEntry => ({ type });

const pathTypes = [
  partnerCaseOpenedV1.type,
  partnerReferralRequestedV1.type,
  partnerReferralStatusChangedV1.type,
  partnerPathPhaseChangedV1.type,
  partnerCaseClosedV1.type,
];

/**
 * Which public events each partner category may receive (need to know). IOM and the national
 * council follow whole paths including sustainability scores; NGOs whole paths without scores;
 * employers and schools only referrals to their own kind of service; academia the path outline
 * and scores for research, never referrals. The redaction event is mandatory for every category.
 */
export const CATEGORY_POLICY: Readonly<Record<PartnerCategory, readonly PolicyEntry[]>> = {
  iom: [...pathTypes, partnerSustainabilityScoreV1.type].map(all),
  government: [...pathTypes, partnerSustainabilityScoreV1.type].map(all),
  ngo: pathTypes.map(all),
  employer: [
    { type: partnerReferralRequestedV1.type, services: ['employment'] },
    { type: partnerReferralStatusChangedV1.type, services: ['employment'] },
  ],
  school: [
    { type: partnerReferralRequestedV1.type, services: ['education'] },
    { type: partnerReferralStatusChangedV1.type, services: ['education'] },
  ],
  academia: [
    partnerCaseOpenedV1.type,
    partnerPathPhaseChangedV1.type,
    partnerSustainabilityScoreV1.type,
    partnerCaseClosedV1.type,
  ].map(all),
};

/** Types a subscription of this category may name (mandatory types are never named). */
export function subscribableTypes(category: PartnerCategory): string[] {
  return CATEGORY_POLICY[category].map((entry) => entry.type);
}

/** Whether an agency of this category may receive an event of this type (about this service). */
export function mayReceive(
  category: PartnerCategory,
  type: string,
  service?: PartnerReferralService,
): boolean {
  if (partnerEventCatalogue.some((definition) => definition.type === type && definition.mandatory))
    return true;
  const entry = CATEGORY_POLICY[category].find((candidate) => candidate.type === type);
  if (!entry) return false;
  return !entry.services || (service !== undefined && entry.services.includes(service));
}
