import {
  partnerCaseClosedV1,
  partnerCaseOpenedV1,
  partnerDataRedactionRequestedV1,
  partnerPathPhaseChangedV1,
  partnerReferralRequestedV1,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
  type PartnerEventDefinition,
} from './partner-events.v1';
import {
  partnerCommunityActivityChangedV1,
  partnerDirectoryServiceChangedV1,
} from './partner-listings.v1';

/**
 * Every public event type partner agencies can receive: the AsyncAPI catalogue is generated from
 * this list and the compatibility guard compares each schema with its published snapshot.
 */
export const partnerEventCatalogue: readonly PartnerEventDefinition[] = [
  partnerCaseOpenedV1,
  partnerReferralRequestedV1,
  partnerReferralStatusChangedV1,
  partnerPathPhaseChangedV1,
  partnerSustainabilityScoreV1,
  partnerCaseClosedV1,
  partnerDataRedactionRequestedV1,
  partnerDirectoryServiceChangedV1,
  partnerCommunityActivityChangedV1,
];

export function findPartnerEvent(type: string): PartnerEventDefinition | undefined {
  return partnerEventCatalogue.find((definition) => definition.type === type);
}
