import { randomUUID } from 'node:crypto';
import {
  caseClosedV1,
  type CaseClosedV1,
  episodeOpenedV1,
  type EpisodeOpenedV1,
  type EventEnvelope,
  PARTNER_EVENT_SOURCE,
  partnerCaseClosedV1,
  partnerCaseOpenedV1,
  partnerEventEnvelopeSchema,
  type PartnerEventDefinition,
  type PartnerEventEnvelope,
  partnerPathPhaseChangedV1,
  partnerReferralRequestedV1,
  type PartnerReferralService,
  partnerReferralServiceSchema,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
  pathPhaseChangedV1,
  type PathPhaseChangedV1,
  referralRequestedV1,
  type ReferralRequestedV1,
  referralStatusChangedV1,
  type ReferralStatusChangedV1,
  returneeRegisteredV1,
  type ReturneeRegisteredV1,
  scoreComputedV1,
  type ScoreComputedV1,
  type SustainabilityScores,
} from '@reintegra/event-contracts';
import type { Pseudonymiser } from '../crypto/gateway-keys';

/** What an internal event becomes for partners, before it is built for one agency. */
export interface Derivation {
  readonly caseId: string;
  readonly definition: PartnerEventDefinition;
  /** The referral's service, for category policies narrowed to services. */
  readonly service?: PartnerReferralService;
  /** The public data for one agency (its pseudonyms); parsed against the public contract. */
  build(pseudonyms: Pseudonymiser): unknown;
}

type Deriver = (event: EventEnvelope) => Derivation | null;

const publicService = (service: string): PartnerReferralService | null => {
  const parsed = partnerReferralServiceSchema.safeParse(service);
  return parsed.success ? parsed.data : null; // victim-support (and any new service) stays inside
};

const round = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 100) / 100;
const roundedScores = (scores: SustainabilityScores) => ({
  economic: round(scores.economic),
  social: round(scores.social),
  psychosocial: round(scores.psychosocial),
  composite: round(scores.composite),
  incompleteDimensions: scores.incompleteDimensions,
});

const caseOpened: Deriver = (event) => {
  const data = event.data as ReturneeRegisteredV1 | EpisodeOpenedV1;
  return {
    caseId: data.caseId,
    definition: partnerCaseOpenedV1,
    build: () => ({
      episodeNumber: data.episodeNumber,
      municipalityCode: data.municipalityCode,
      districtCode: data.districtCode,
      countryReturnedFrom: data.countryReturnedFrom,
      minor: data.minor,
      returnMonth: data.returnDate.slice(0, 7),
    }),
  };
};

/**
 * The only internal events about a case partners ever see, and how. Anything not listed (victim
 * support, merges, plans with officers' ids, escalations, attendance, participation) never leaves
 * the gateway; services and activities (no person) are public listings (`public-listings.ts`).
 */
const DERIVERS: Readonly<Record<string, Deriver>> = {
  [returneeRegisteredV1.type]: caseOpened,
  [episodeOpenedV1.type]: caseOpened,
  [referralRequestedV1.type]: (event) => {
    const data = event.data as ReferralRequestedV1;
    const service = publicService(data.service);
    if (!service) return null;
    return {
      caseId: data.caseId,
      definition: partnerReferralRequestedV1,
      service,
      build: (pseudonyms) => ({
        referralRef: pseudonyms.referral(data.referralId),
        service,
        priority: data.priority,
      }),
    };
  },
  [referralStatusChangedV1.type]: (event) => {
    const data = event.data as ReferralStatusChangedV1;
    const service = publicService(data.service);
    if (!service) return null;
    return {
      caseId: data.caseId,
      definition: partnerReferralStatusChangedV1,
      service,
      build: (pseudonyms) => ({
        referralRef: pseudonyms.referral(data.referralId),
        service,
        providerId: data.providerId,
        status: data.status,
      }),
    };
  },
  [pathPhaseChangedV1.type]: (event) => {
    const data = event.data as PathPhaseChangedV1;
    return {
      caseId: data.caseId,
      definition: partnerPathPhaseChangedV1,
      build: () => ({ from: data.from, to: data.to }),
    };
  },
  [scoreComputedV1.type]: (event) => {
    const data = event.data as ScoreComputedV1;
    return {
      caseId: data.caseId,
      definition: partnerSustainabilityScoreV1,
      build: () => ({
        purpose: data.purpose,
        wave: data.wave,
        scoringVersion: data.scoringVersion,
        scores: roundedScores(data.scores),
      }),
    };
  },
  [caseClosedV1.type]: (event) => {
    const data = event.data as CaseClosedV1;
    return {
      caseId: data.caseId,
      definition: partnerCaseClosedV1,
      build: () => ({ reason: data.reason }),
    };
  },
};

/** The public derivation of an internal event, or null when partners never see it. */
export function derive(event: EventEnvelope): Derivation | null {
  return DERIVERS[event.type]?.(event) ?? null;
}

/** Internal event types the gateway derives public events from. */
export const DERIVED_TYPES = Object.keys(DERIVERS);

/** The time of a fact, generalised to its day (00:00Z): exact times help re-identify people. */
export const dayOf = (time: string) => `${time.slice(0, 10)}T00:00:00.000Z`;

/**
 * The public envelope for one agency. The data is parsed against the public contract, which drops
 * any field the contract does not name: a field added to an internal event never leaks.
 */
export function publicEnvelope(
  definition: PartnerEventDefinition,
  input: { subject: string; time: string; position: number; data: unknown },
): PartnerEventEnvelope {
  return partnerEventEnvelopeSchema.parse({
    specversion: '1.0',
    id: randomUUID(),
    source: PARTNER_EVENT_SOURCE,
    type: definition.type,
    subject: input.subject,
    time: dayOf(input.time),
    datacontenttype: 'application/json',
    position: input.position,
    data: definition.data.parse(input.data),
  }) as PartnerEventEnvelope;
}
