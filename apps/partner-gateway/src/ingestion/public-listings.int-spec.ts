import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  activityChangedV1,
  directoryServiceChangedV1,
  type EventEnvelope,
  participationMilestoneV1,
  partnerCommunityActivityChangedV1,
  partnerDirectoryServiceChangedV1,
  partnerEventEnvelopeSchema,
  partnerTopicOf,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, TopicRecorder } from '@reintegra/testing';
import { listingSubject } from '../derivation/public-listings';
import { MUNICIPALITY, OTHER_MUNICIPALITY, PartnerTestBed } from '../testing/partner-test-bed';
import { WebhookReceiver } from '../testing/webhook-receiver';

/**
 * Public listings against real Kafka and PostgreSQL: directory services and community activities
 * reach the subscriptions whose agency's category may receive them and whose municipality filter
 * matches, through the same log and deliveries as case events, without anything about a person.
 */
const bed = new PartnerTestBed();
const receiver = new WebhookReceiver();
const DIRECTORY = partnerDirectoryServiceChangedV1.type;
const ACTIVITY = partnerCommunityActivityChangedV1.type;
let recorder: TopicRecorder;
let producer: Producer;
const agencies: Record<string, { id: string; apiKey: string; subscriptionId: string }> = {};

async function subscribe(
  name: string,
  category: string,
  eventTypes: string[],
  municipalityCodes: string[] = [],
) {
  const created = await bed.agency(name, category);
  const hook = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey: created.apiKey },
    {
      eventTypes,
      channel: 'webhook',
      webhookUrl: receiver.endpoint(`/${name}`),
      municipalityCodes,
    },
  );
  expect(hook.status).toBe(201);
  agencies[name] = { ...created, subscriptionId: hook.body['id'] as string };
}

/** Listings a receiver path accepted about one service or activity, in arrival order. */
const about = (name: string, subject: string) =>
  receiver.accepted(`/${name}`).filter((request) => request.event['subject'] === subject);
const dataOf = (requests: ReturnType<typeof about>) =>
  requests.map((request) => request.event['data'] as Record<string, unknown>);

const service = (
  serviceId: string,
  serviceType: string,
  capacityAvailable: number,
  municipalityCode = MUNICIPALITY,
) =>
  bed.publish(
    directoryServiceChangedV1,
    {
      serviceId,
      organizationId: 'oficina-empleo-la-paz-este',
      locationId: randomUUID(),
      serviceType,
      status: 'active',
      municipalityCode,
      womenOnly: false,
      minimumAge: 18,
      capacityAvailable,
      change: 'capacity-reported',
      occurredAt: new Date().toISOString(),
    },
    serviceId,
  );

const activity = (activityId: string, municipalityCode: string) =>
  bed.publish(
    activityChangedV1,
    {
      activityId,
      providerId: 'casa-cultura-zacatecoluca',
      municipalityCode,
      kind: 'sport',
      change: 'updated',
      open: true,
      capacity: 20,
      seatsTaken: 6,
      targetGroups: ['returnees', 'residents'],
      languages: ['es'],
      occurredAt: new Date().toISOString(),
    },
    activityId,
  );

const employment = randomUUID();
const education = randomUUID();
const victimSupport = randomUUID();
const activityHere = randomUUID();
const activityThere = randomUUID();
const caseId = randomUUID();
const participantId = randomUUID();
let repeated: EventEnvelope;

beforeAll(async () => {
  await bed.start();
  await receiver.start();
  await subscribe('ong', 'ngo', [DIRECTORY, ACTIVITY]);
  await subscribe('ong-capital', 'ngo', [DIRECTORY, ACTIVITY], [OTHER_MUNICIPALITY]);
  await subscribe('empleador', 'employer', [DIRECTORY]);
  await subscribe('escuela', 'school', [DIRECTORY]);
  const stream = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey: agencies['ong']?.apiKey ?? '' },
    { eventTypes: [DIRECTORY, ACTIVITY], channel: 'kafka' },
  );
  expect(stream.status).toBe(201);
  recorder = new TopicRecorder(currentTestStack().kafkaBrokers, [
    partnerTopicOf(agencies['ong']?.id ?? ''),
  ]);
  await recorder.start();
  producer = new Kafka({ brokers: currentTestStack().kafkaBrokers, logLevel: 1 }).producer();
  await producer.connect();

  repeated = await service(employment, 'employment', 4);
  // The same message again (a producer's retry): same event id.
  await producer.send({
    topic: directoryServiceChangedV1.topic,
    acks: -1,
    messages: [{ key: employment, value: JSON.stringify(repeated) }],
  });
  await service(employment, 'employment', 3);
  await service(education, 'education', 10);
  await service(victimSupport, 'victim-support', 2);
  await activity(activityHere, MUNICIPALITY);
  await activity(activityThere, OTHER_MUNICIPALITY);
  await bed.publish(
    participationMilestoneV1,
    {
      participantId,
      activityId: activityHere,
      municipalityCode: MUNICIPALITY,
      origin: 'returnee',
      caseId,
      milestone: 'sustained',
      ruleVersion: 'v1',
      attendedSessions: 6,
      eligibleSessions: 8,
      occurredAt: new Date().toISOString(),
    },
    caseId,
  );
  await bed.allConsumed();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await recorder?.stop();
  await receiver.stop();
  await bed.stop();
});

describe('public listings', () => {
  it('delivers services and activities to an entitled agency, by webhook and on its topic', async () => {
    const employmentSubject = listingSubject('directory-service', employment);
    await eventually(() => {
      expect(dataOf(about('ong', employmentSubject))).toEqual([
        expect.objectContaining({
          serviceId: employment,
          serviceType: 'employment',
          freePlaces: 4,
        }),
        expect.objectContaining({ serviceId: employment, freePlaces: 3 }),
      ]);
      expect(dataOf(about('ong', listingSubject('directory-service', education)))).toHaveLength(1);
      expect(dataOf(about('ong', listingSubject('community-activity', activityHere)))).toEqual([
        expect.objectContaining({ activityId: activityHere, capacity: 20, seatsAvailable: 14 }),
      ]);
      expect(about('ong', listingSubject('community-activity', activityThere))).toHaveLength(1);
    });
    for (const request of receiver.accepted('/ong')) {
      expect(partnerEventEnvelopeSchema.safeParse(request.event).success).toBe(true);
    }
    // The agency topic carries the same events, keyed by the listing's subject.
    await eventually(() =>
      expect(
        recorder.messages
          .filter((message) => message.key === employmentSubject)
          .map((message) => (JSON.parse(message.value ?? '{}') as { data: object }).data),
      ).toEqual([
        expect.objectContaining({ freePlaces: 4 }),
        expect.objectContaining({ freePlaces: 3 }),
      ]),
    );
  });

  it('keeps employers and schools to services of their own kind, and from activities', async () => {
    await eventually(() => {
      expect(dataOf(receiver.accepted('/empleador'))).toEqual([
        expect.objectContaining({ serviceId: employment, freePlaces: 4 }),
        expect.objectContaining({ serviceId: employment, freePlaces: 3 }),
      ]);
      expect(dataOf(receiver.accepted('/escuela'))).toEqual([
        expect.objectContaining({ serviceId: education, serviceType: 'education' }),
      ]);
    });
    const refused = await bed.call(
      'POST',
      '/agency/subscriptions',
      { apiKey: agencies['empleador']?.apiKey ?? '' },
      { eventTypes: [ACTIVITY], channel: 'webhook', webhookUrl: receiver.endpoint('/nunca') },
    );
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
  });

  it('honours the municipality filter', async () => {
    await eventually(() =>
      expect(dataOf(receiver.accepted('/ong-capital'))).toEqual([
        expect.objectContaining({
          activityId: activityThere,
          municipalityCode: OTHER_MUNICIPALITY,
        }),
      ]),
    );
  });

  it('never lists victim-support services nor participants, and names no person', async () => {
    const everything = receiver.requests.map((request) => request.body).join('\n');
    expect(everything).not.toContain(victimSupport);
    expect(everything).not.toContain('victim-support');
    for (const hidden of [caseId, participantId, 'seatsTaken', 'sustained', 'attendedSessions']) {
      expect(everything).not.toContain(hidden);
    }
    // Times are generalised to the day, like every public event.
    for (const request of receiver.requests) {
      expect(JSON.parse(request.body)).toMatchObject({ time: expect.stringMatching(/T00:00:00/) });
    }
    const [logged] = (await bed.db.query(
      `SELECT count(*)::int AS n FROM public_events
        WHERE agency_id = ANY ($1::text[]) AND case_id IS NOT NULL`,
      [Object.values(agencies).map((agency) => agency.id)],
    )) as Array<{ n: number }>;
    expect(logged?.n).toBe(0);
  });

  it('delivers a repeated internal event once', async () => {
    const subject = listingSubject('directory-service', employment);
    await eventually(() => expect(about('empleador', subject)).toHaveLength(2));
    // Every request the employer's receiver got (retries included): 4 places, then 3; the repeat
    // of the first made nothing. It was consumed before the second (same key, same partition).
    expect(receiver.at('/empleador')).toHaveLength(2);
    const [row] = (await bed.db.query(
      `SELECT count(*)::int AS n FROM public_events WHERE source_event_id = $1`,
      [repeated.id],
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(2); // one log entry for each of the two entitled agencies (ong, empleador)
  });

  it('replays listings (no consent to check) into the subscription', async () => {
    const agency = agencies['escuela'];
    const replay = await bed.call(
      'POST',
      `/agency/subscriptions/${agency?.subscriptionId ?? ''}/replays`,
      { apiKey: agency?.apiKey ?? '' },
      { from: new Date(Date.now() - 3_600_000).toISOString() },
    );
    expect(replay).toMatchObject({ status: 202, body: { events: 1 } });
    await eventually(() =>
      expect(
        receiver.at('/escuela').filter((request) => request.replay && request.status < 300),
      ).toHaveLength(1),
    );
  });
});
