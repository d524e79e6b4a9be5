import { randomUUID } from 'node:crypto';
import {
  activityChangedV1,
  createEvent,
  directoryServiceChangedV1,
  type EventDefinition,
  participationMilestoneV1,
  partnerCommunityActivityChangedV1,
  partnerDirectoryServiceChangedV1,
  pseudonymSchema,
} from '@reintegra/event-contracts';
import type { z } from 'zod';
import { publicEnvelope } from './public-events';
import { deriveListing, listingSubject } from './public-listings';

function internal<S extends z.ZodType>(definition: EventDefinition<S>, data: z.input<S>) {
  return createEvent(definition, {
    subject: randomUUID(),
    source: '/reintegra/service-directory',
    actor: 'user:directory-editor',
    correlationId: randomUUID(),
    time: new Date('2026-11-20T15:04:05.000Z'),
    data,
  });
}

const serviceId = randomUUID();
const service = (serviceType: 'employment' | 'victim-support') =>
  internal(directoryServiceChangedV1, {
    serviceId,
    organizationId: 'oficina-empleo-la-paz-este',
    locationId: randomUUID(),
    serviceType,
    status: 'active',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    womenOnly: true,
    minimumAge: 18,
    capacityAvailable: 4,
    change: 'capacity-reported',
    occurredAt: '2026-11-20T15:04:05.000Z',
  });

const activityId = randomUUID();
const activity = internal(activityChangedV1, {
  activityId,
  providerId: 'casa-cultura-zacatecoluca',
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  kind: 'sport',
  change: 'updated',
  open: true,
  capacity: 20,
  seatsTaken: 13,
  targetGroups: ['returnees', 'residents'],
  languages: ['es'],
  occurredAt: '2026-11-20T15:04:05.000Z',
});

const logged = (derivation: ReturnType<typeof deriveListing>) => {
  if (!derivation) throw new Error('not a listing');
  return publicEnvelope(derivation.definition, {
    subject: derivation.subject,
    time: '2026-11-20T15:04:05.000Z',
    position: 1,
    data: derivation.data,
  });
};

describe('public listings', () => {
  it('publishes a directory service with its eligibility and free places, keyed by its id', () => {
    const derivation = deriveListing(service('employment'));
    expect(derivation?.definition).toBe(partnerDirectoryServiceChangedV1);
    expect(derivation?.service).toBe('employment');
    expect(derivation?.municipalityCode).toBe('SV-PA-LA-PAZ-ESTE');
    const envelope = logged(derivation);
    expect(envelope.subject).toBe(listingSubject('directory-service', serviceId));
    expect(pseudonymSchema.safeParse(envelope.subject).success).toBe(true);
    expect(envelope.data).toMatchObject({
      serviceId,
      serviceType: 'employment',
      eligibility: { womenOnly: true, minimumAge: 18 },
      freePlaces: 4,
      change: 'capacity-reported',
    });
    expect(envelope.data).not.toHaveProperty('occurredAt');
  });

  it('never lists a victim-support service', () => {
    expect(deriveListing(service('victim-support'))).toBeNull();
  });

  it('publishes an activity with its free seats and no count of people', () => {
    const derivation = deriveListing(activity);
    expect(derivation?.definition).toBe(partnerCommunityActivityChangedV1);
    const envelope = logged(derivation);
    expect(envelope.subject).toBe(listingSubject('community-activity', activityId));
    expect(envelope.data).toMatchObject({
      activityId,
      organizationId: 'casa-cultura-zacatecoluca',
      capacity: 20,
      seatsAvailable: 7,
    });
    expect(envelope.data).not.toHaveProperty('seatsTaken');
    expect(envelope.data).not.toHaveProperty('providerId');
  });

  it('keeps participation milestones inside', () => {
    const milestone = internal(participationMilestoneV1, {
      participantId: randomUUID(),
      activityId,
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      origin: 'returnee',
      caseId: randomUUID(),
      milestone: 'sustained',
      occurredAt: '2026-11-20T15:04:05.000Z',
    });
    expect(deriveListing(milestone)).toBeNull();
  });

  it('gives services and activities with the same id different subjects', () => {
    expect(listingSubject('directory-service', serviceId)).not.toBe(
      listingSubject('community-activity', serviceId),
    );
  });
});
