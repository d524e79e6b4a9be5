import {
  partnerCaseClosedV1,
  partnerCaseOpenedV1,
  partnerCommunityActivityChangedV1,
  partnerDirectoryServiceChangedV1,
  partnerEventCatalogue,
  partnerPathPhaseChangedV1,
  type PartnerCategory,
  type PartnerListedService,
  partnerReferralRequestedV1,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
} from '@reintegra/event-contracts';

/** One event type a category may receive; `services` narrows referral and directory events. */
export interface PolicyEntry {
  readonly type: string;
  readonly services?: readonly PartnerListedService[];
}

const all = (type: string): PolicyEntry => ({ type });

/** Public listings (services and activities, no people): see the policy's reasons below. */
const listingTypes = [
  partnerDirectoryServiceChangedV1.type,
  partnerCommunityActivityChangedV1.type,
];

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
 *
 * Public listings concern no person, so they need no consent, yet they still go only where they
 * serve a purpose: IOM, the council and NGOs refer people to services and community activities
 * and need to know what is open, where and with how many places; academia studies where services
 * and inclusion activities exist (coverage). Employers and schools take part as providers of one
 * kind of service: they see the directory's services of that kind (employment, education), to
 * coordinate places with their peers, and no community activities.
 */
export const CATEGORY_POLICY: Readonly<Record<PartnerCategory, readonly PolicyEntry[]>> = {
  iom: [...pathTypes, partnerSustainabilityScoreV1.type, ...listingTypes].map(all),
  government: [...pathTypes, partnerSustainabilityScoreV1.type, ...listingTypes].map(all),
  ngo: [...pathTypes, ...listingTypes].map(all),
  employer: [
    { type: partnerReferralRequestedV1.type, services: ['employment'] },
    { type: partnerReferralStatusChangedV1.type, services: ['employment'] },
    { type: partnerDirectoryServiceChangedV1.type, services: ['employment'] },
  ],
  school: [
    { type: partnerReferralRequestedV1.type, services: ['education'] },
    { type: partnerReferralStatusChangedV1.type, services: ['education'] },
    { type: partnerDirectoryServiceChangedV1.type, services: ['education'] },
  ],
  academia: [
    partnerCaseOpenedV1.type,
    partnerPathPhaseChangedV1.type,
    partnerSustainabilityScoreV1.type,
    partnerCaseClosedV1.type,
    ...listingTypes,
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
  service?: PartnerListedService,
): boolean {
  if (partnerEventCatalogue.some((definition) => definition.type === type && definition.mandatory))
    return true;
  const entry = CATEGORY_POLICY[category].find((candidate) => candidate.type === type);
  if (!entry) return false;
  return !entry.services || (service !== undefined && entry.services.includes(service));
}
