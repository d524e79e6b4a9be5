import { randomUUID } from 'node:crypto';
import {
  partnerCaseClosedV1,
  partnerCaseOpenedV1,
  partnerDataRedactionRequestedV1,
  partnerEventEnvelopeSchema,
  partnerPathPhaseChangedV1,
  partnerReferralRequestedV1,
  partnerReferralStatusChangedV1,
  partnerSustainabilityScoreV1,
  partnerTopicOf,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, TopicRecorder } from '@reintegra/testing';
import { verify } from '../delivery/webhook-signature';
import { PartnerTestBed } from '../testing/partner-test-bed';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { Maintenance } from './maintenance.service';

/**
 * The rules partners rely on, against real Kafka and PostgreSQL with a local webhook receiver:
 * only consented cases reach an agency, and only de-identified; consent withdrawal stops delivery
 * and asks for redaction; an event before its consent waits; victim support never leaves.
 */
const bed = new PartnerTestBed({ PARTNER_CONSENT_HOLD_SECONDS: '3600' });
const receiver = new WebhookReceiver();
let recorder: TopicRecorder;

const ngoTypes = [
  partnerCaseOpenedV1.type,
  partnerReferralRequestedV1.type,
  partnerReferralStatusChangedV1.type,
  partnerPathPhaseChangedV1.type,
  partnerCaseClosedV1.type,
];
const agencies: Record<string, { id: string; apiKey: string; secret: string }> = {};
const agency = (name: string) => {
  const found = agencies[name];
  if (!found) throw new Error(`no agency ${name}`);
  return found;
};

async function subscribe(name: string, category: string, eventTypes: string[], withKafka = false) {
  const created = await bed.agency(name, category);
  const hook = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey: created.apiKey },
    {
      eventTypes,
      channel: 'webhook',
      webhookUrl: receiver.endpoint(`/${name}`),
    },
  );
  expect(hook.status).toBe(201);
  if (withKafka) {
    const stream = await bed.call(
      'POST',
      '/agency/subscriptions',
      { apiKey: created.apiKey },
      {
        eventTypes,
        channel: 'kafka',
      },
    );
    expect(stream.status).toBe(201);
  }
  agencies[name] = { ...created, secret: hook.body['webhookSecret'] as string };
}

/** Events an agency's webhook accepted about a case (by the pseudonym the agency sees). */
async function receivedAbout(name: string, caseId: string) {
  const subject = await bed.pseudonymOf(agency(name).id, caseId);
  return receiver.accepted(`/${name}`).filter((request) => request.event['subject'] === subject);
}

const typesOf = (requests: Array<{ event: Record<string, unknown> }>) =>
  requests.map((request) => request.event['type'] as string);
/** Kafka orders events within a topic only: events of one case from different topics may cross. */
const sortedTypesOf = (requests: Array<{ event: Record<string, unknown> }>) =>
  typesOf(requests).sort();

const caseA = randomUUID(); // consents: ngo and iom
const caseB = randomUUID(); // no consent at all
const caseC = randomUUID(); // consent: employer only
const caseD = randomUUID(); // its events come before its consent (ngo)
let consentAngo: string;

beforeAll(async () => {
  await bed.start();
  await receiver.start();
  await subscribe('ong', 'ngo', ngoTypes, true);
  await subscribe('oim', 'iom', [...ngoTypes, partnerSustainabilityScoreV1.type]);
  await subscribe('empleador', 'employer', [
    partnerReferralRequestedV1.type,
    partnerReferralStatusChangedV1.type,
  ]);
  recorder = new TopicRecorder(currentTestStack().kafkaBrokers, [partnerTopicOf(agency('ong').id)]);
  await recorder.start();

  await bed.registered(caseB);
  await bed.referral(caseB, 'employment');
  await bed.phase(caseB, 'intake', 'assessed');

  consentAngo = await bed.consent(caseA, 'partner-sharing', 'ngo');
  await bed.consent(caseA, 'partner-sharing', 'iom');
  await bed.registered(caseA);
  const referralA = await bed.referral(caseA, 'employment');
  await bed.referralStatus(caseA, referralA, 'employment', 'accepted');
  await bed.referral(caseA, 'victim-support');
  await bed.victimSupportStatus(randomUUID());
  await bed.score(caseA);
  await bed.phase(caseA, 'intake', 'assessed');
  await bed.closed(caseA);

  await bed.consent(caseC, 'partner-sharing', 'employer');
  await bed.registered(caseC);
  await bed.referral(caseC, 'employment');
  await bed.referral(caseC, 'education');
  await bed.phase(caseC, 'intake', 'assessed');

  await bed.registered(caseD);
  await bed.closed(caseD);
  await bed.allConsumed();
}, 120_000);

afterAll(async () => {
  await recorder?.stop();
  await receiver.stop();
  await bed.stop();
});

describe('consent filtering', () => {
  it('delivers a consenting case to the agencies of the consented categories, signed', async () => {
    await eventually(async () => {
      expect(sortedTypesOf(await receivedAbout('ong', caseA))).toEqual([...ngoTypes].sort());
      expect(sortedTypesOf(await receivedAbout('oim', caseA))).toEqual(
        [...ngoTypes, partnerSustainabilityScoreV1.type].sort(),
      );
    });
    // Within one internal topic the order is kept: registration, score, closure.
    const oimTypes = typesOf(await receivedAbout('oim', caseA));
    expect(oimTypes.indexOf(partnerCaseOpenedV1.type)).toBeLessThan(
      oimTypes.indexOf(partnerSustainabilityScoreV1.type),
    );
    expect(oimTypes.indexOf(partnerSustainabilityScoreV1.type)).toBeLessThan(
      oimTypes.indexOf(partnerCaseClosedV1.type),
    );
    for (const request of await receivedAbout('ong', caseA)) {
      expect(
        verify(
          agency('ong').secret,
          { id: request.id, timestamp: request.timestamp, signature: request.signature },
          request.body,
        ),
      ).toBe(true);
      expect(request.id).toBe(request.event['id']);
      expect(partnerEventEnvelopeSchema.safeParse(request.event).success).toBe(true);
    }
  });

  it('never delivers a case without consent, nor to a category the consent does not name', async () => {
    for (const name of ['ong', 'oim', 'empleador']) {
      expect(await receivedAbout(name, caseB)).toEqual([]);
    }
    expect(await receivedAbout('empleador', caseA)).toEqual([]);
    expect(await receivedAbout('ong', caseC)).toEqual([]);
    // The employer sees the employment referral of the case that consented to employers, and
    // neither its education referral nor its path.
    await eventually(async () =>
      expect(
        (await receivedAbout('empleador', caseC)).map((request) => request.event['data']),
      ).toEqual([expect.objectContaining({ service: 'employment' })]),
    );
    const [held] = (await bed.db.query(
      `SELECT count(*)::int AS n FROM held_events WHERE case_id = $1`,
      [caseB],
    )) as Array<{ n: number }>;
    expect(held?.n).toBeGreaterThan(0); // waiting for a consent, never delivered
  });

  it('de-identifies: a pseudonym per agency, no internal id, nothing about victim support', async () => {
    const ngoA = await receivedAbout('ong', caseA);
    const oimA = await receivedAbout('oim', caseA);
    expect(ngoA[0]?.event['subject']).not.toBe(oimA[0]?.event['subject']);
    const refOf = (requests: typeof ngoA) =>
      (
        requests.find((r) => r.event['type'] === partnerReferralRequestedV1.type)?.event[
          'data'
        ] as {
          referralRef: string;
        }
      ).referralRef;
    expect(refOf(ngoA)).not.toBe(refOf(oimA));
    const everything = receiver.requests.map((request) => request.body).join('\n');
    for (const internalId of bed.published.flatMap((event) => [
      event.id,
      event.subject,
      ...Object.values(event.data as Record<string, unknown>).filter(
        (value): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value),
      ),
    ])) {
      expect(everything).not.toContain(internalId);
    }
    expect(everything).not.toContain('victim-support');
    expect(everything).not.toContain('user:test-officer');
    const opened = ngoA.find((r) => r.event['type'] === partnerCaseOpenedV1.type)?.event as {
      time: string;
      data: Record<string, unknown>;
    };
    expect(opened.time).toMatch(/T00:00:00\.000Z$/);
    expect(opened.data).toEqual({
      episodeNumber: 1,
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      countryReturnedFrom: 'US',
      minor: false,
      returnMonth: '2026-11',
    });
  });

  it('streams the same events to the agency topic, keyed by the pseudonym', async () => {
    const subject = await bed.pseudonymOf(agency('ong').id, caseA);
    await eventually(() =>
      expect(recorder.messages.filter((message) => message.key === subject)).toHaveLength(5),
    );
    const kafkaIds = recorder.messages
      .filter((message) => message.key === subject)
      .map((message) => (JSON.parse(message.value ?? '{}') as { id: string }).id);
    expect(kafkaIds).toEqual((await receivedAbout('ong', caseA)).map((request) => request.id));
    const subjectB = await bed.pseudonymOf(agency('ong').id, caseB);
    expect(recorder.messages.filter((message) => message.key === subjectB)).toEqual([]);
  });

  it('holds events that arrive before their consent, then delivers them in order', async () => {
    expect(await receivedAbout('ong', caseD)).toEqual([]);
    await bed.consent(caseD, 'partner-sharing', 'ngo');
    await eventually(async () =>
      expect(typesOf(await receivedAbout('ong', caseD))).toEqual([
        partnerCaseOpenedV1.type,
        partnerCaseClosedV1.type,
      ]),
    );
  });
});

describe('events before the case’s registration', () => {
  it('wait for it (its municipality decides the subscriptions), then go in the order held', async () => {
    const caseF = randomUUID();
    await bed.consent(caseF, 'partner-sharing', 'ngo');
    await bed.referral(caseF, 'housing');
    await bed.allConsumed();
    expect(await receivedAbout('ong', caseF)).toEqual([]);
    await bed.registered(caseF);
    await eventually(async () =>
      expect(typesOf(await receivedAbout('ong', caseF))).toEqual([
        partnerReferralRequestedV1.type,
        partnerCaseOpenedV1.type,
      ]),
    );
  });
});

describe('consent withdrawal', () => {
  it('asks agencies that received data to delete it, and stops further deliveries', async () => {
    await bed.withdraw(caseA, consentAngo, 'partner-sharing', 'ngo');
    await eventually(async () =>
      expect(typesOf(await receivedAbout('ong', caseA)).at(-1)).toBe(
        partnerDataRedactionRequestedV1.type,
      ),
    );
    const subject = await bed.pseudonymOf(agency('ong').id, caseA);
    await eventually(() =>
      expect(
        recorder.messages
          .filter((message) => message.key === subject)
          .map((message) => (JSON.parse(message.value ?? '{}') as { type: string }).type)
          .at(-1),
      ).toBe(partnerDataRedactionRequestedV1.type),
    );
    // The agency of another consented category is not asked, and keeps receiving.
    expect(typesOf(await receivedAbout('oim', caseA))).not.toContain(
      partnerDataRedactionRequestedV1.type,
    );
    const before = (await receivedAbout('ong', caseA)).length;
    await bed.phase(caseA, 'assessed', 'plan-approved');
    await bed.allConsumed();
    await eventually(async () =>
      expect(typesOf(await receivedAbout('oim', caseA)).at(-1)).toBe(
        partnerPathPhaseChangedV1.type,
      ),
    );
    expect(await receivedAbout('ong', caseA)).toHaveLength(before);
  });
});

describe('held events whose consent never comes', () => {
  it('are dropped after the hold time, each with an audit record', async () => {
    const caseE = randomUUID();
    const opened = await bed.registered(caseE);
    await bed.allConsumed();
    const held: Array<{ agency_id: string }> = await bed.db.query(
      `SELECT agency_id FROM held_events WHERE event_id = $1 ORDER BY agency_id`,
      [opened.id],
    );
    expect(held.map((row) => row.agency_id)).toEqual([agency('oim').id, agency('ong').id].sort());
    // Two hours later than the configured hold (the test moves the clock of those rows).
    await bed.db.query(
      `UPDATE held_events SET held_at = held_at - interval '2 hours' WHERE event_id = $1`,
      [opened.id],
    );
    expect(await bed.app.get(Maintenance).expireHeldEvents()).toBeGreaterThanOrEqual(2);
    expect(
      await bed.db.query(`SELECT 1 FROM held_events WHERE event_id = $1`, [opened.id]),
    ).toEqual([]);
    const audit = await bed.db.query(
      `SELECT action, outcome, code, agency_id FROM audit_log WHERE target = $1 ORDER BY agency_id`,
      [opened.id],
    );
    expect(audit).toEqual(
      [agency('oim').id, agency('ong').id].sort().map((agencyId) => ({
        action: 'event.hold-expired',
        outcome: 'dropped',
        code: 'consent-unknown',
        agency_id: agencyId,
      })),
    );
  });
});
