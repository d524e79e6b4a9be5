import { createHash } from 'node:crypto';
import {
  activityChangedV1,
  type ActivityChangedV1,
  directoryServiceChangedV1,
  type DirectoryServiceChangedV1,
  type EventEnvelope,
  partnerCommunityActivityChangedV1,
  partnerDirectoryServiceChangedV1,
  type PartnerEventDefinition,
  type PartnerListedService,
  partnerListedServiceSchema,
} from '@reintegra/event-contracts';

/** What an internal event about a service or an activity (never a person) becomes for partners. */
export interface ListingDerivation {
  readonly definition: PartnerEventDefinition;
  /** The envelope subject and delivery order key: a digest of the listing's id (see below). */
  readonly subject: string;
  /** Where the service or activity is, for subscriptions' municipality filters. */
  readonly municipalityCode: string;
  /** The service type, for category policies narrowed to services. */
  readonly service?: PartnerListedService;
  /** The same public data for every agency; parsed against the public contract when logged. */
  readonly data: unknown;
}

/**
 * The subject of a listing: base64url SHA-256 of its kind and id. No secret is needed (there is
 * no person to protect and the id is in the data); the digest keeps the envelope's published
 * subject format, and per-listing order (the order key) across agencies.
 */
export const listingSubject = (kind: 'directory-service' | 'community-activity', id: string) =>
  createHash('sha256').update(`${kind}:${id}`).digest('base64url');

type Deriver = (event: EventEnvelope) => ListingDerivation | null;

const DERIVERS: Readonly<Record<string, Deriver>> = {
  [directoryServiceChangedV1.type]: (event) => {
    const data = event.data as DirectoryServiceChangedV1;
    const service = partnerListedServiceSchema.safeParse(data.serviceType);
    if (!service.success) return null; // victim-support services (and their places) stay inside
    return {
      definition: partnerDirectoryServiceChangedV1,
      subject: listingSubject('directory-service', data.serviceId),
      municipalityCode: data.municipalityCode,
      service: service.data,
      data: {
        serviceId: data.serviceId,
        locationId: data.locationId,
        organizationId: data.organizationId,
        serviceType: service.data,
        status: data.status,
        municipalityCode: data.municipalityCode,
        districtCode: data.districtCode,
        eligibility: {
          womenOnly: data.womenOnly,
          minimumAge: data.minimumAge,
          maximumAge: data.maximumAge,
        },
        freePlaces: data.capacityAvailable,
        change: data.change,
      },
    };
  },
  [activityChangedV1.type]: (event) => {
    const data = event.data as ActivityChangedV1;
    return {
      definition: partnerCommunityActivityChangedV1,
      subject: listingSubject('community-activity', data.activityId),
      municipalityCode: data.municipalityCode,
      data: {
        activityId: data.activityId,
        organizationId: data.providerId,
        kind: data.kind,
        municipalityCode: data.municipalityCode,
        districtCode: data.districtCode,
        open: data.open,
        capacity: data.capacity,
        // Free seats, not who took them: the count of people is no part of the listing.
        seatsAvailable: Math.max(0, data.capacity - data.seatsTaken),
        targetGroups: data.targetGroups,
        languages: data.languages,
        change: data.change,
      },
    };
  },
};

/** The public listing derived from an internal event, or null when it is not one. */
export function deriveListing(event: EventEnvelope): ListingDerivation | null {
  return DERIVERS[event.type]?.(event) ?? null;
}

/** Internal event types the gateway derives public listings from. */
export const LISTING_TYPES = Object.keys(DERIVERS);
