import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  deadLetterTopicOf,
  followUpDueV1,
  referralEscalatedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, TopicRecorder } from '@reintegra/testing';
import {
  eventOf,
  localHttpServer,
  mailTo,
  send,
  startNotifications,
  type TestNotifications,
  testProducer,
} from './testing/notifications-test-bed';

/**
 * Reminders on the real stack: Kafka, PostgreSQL and the SMTP sink (a real SMTP server process
 * started by infra/stack.sh; messages read back from its files). Intake's contact routes and an
 * SMS gateway are tiny local HTTP servers.
 */
const RUN = randomUUID().slice(0, 8);
const OFFICER = `oficial-${RUN}`;
const OFFICER_EMAIL = `oficial-${RUN}@alcaldia.test`;
const OFFICE_EMAIL = `oficina-${RUN}@alcaldia.test`;
const SERVICE_TOKEN = `service-token-${RUN}`;
const MAX_ATTEMPTS = 3;

interface Person {
  caseId: string;
  email?: string;
  phone?: string;
}
const people = new Map<string, Person>();

let notifications: TestNotifications;
let producer: Producer;
let intake: Awaited<ReturnType<typeof localHttpServer>>;
let gateway: Awaited<ReturnType<typeof localHttpServer>>;
let deadLetters: TopicRecorder;

function person(contact: { email?: string; phone?: string }): Person {
  const entry = { caseId: randomUUID(), ...contact };
  people.set(entry.caseId, entry);
  return entry;
}

async function grantContact(caseId: string): Promise<string> {
  const consentId = randomUUID();
  await send(
    producer,
    TOPICS.intakeConsents,
    eventOf(consentGrantedV1, caseId, {
      consentId,
      caseId,
      purpose: 'contact',
      formVersion: 'f-1',
      grantedAt: new Date().toISOString(),
    }),
  );
  await eventually(async () =>
    expect(
      await notifications.db.query(`SELECT 1 FROM contact_consents WHERE consent_id = $1`, [
        consentId,
      ]),
    ).toHaveLength(1),
  );
  return consentId;
}

function followUpDue(caseId: string, wave = 1, dueAt = '2027-03-01T15:00:00.000Z') {
  return eventOf(followUpDueV1, caseId, {
    caseId,
    wave,
    dueAt,
    assignedOfficer: OFFICER,
  });
}

async function deliveries(caseId: string) {
  return (await notifications.db.query(
    `SELECT recipient, status, reason, channel, attempts, last_error FROM deliveries
      WHERE case_id = $1 ORDER BY recipient`,
    [caseId],
  )) as Record<string, unknown>[];
}

/** The officer's reminder of a case arrived: its event was handled all the way. */
async function officerReminded(caseId: string) {
  await eventually(() =>
    expect(mailTo(OFFICER_EMAIL).filter((mail) => mail.text.includes(caseId))).toHaveLength(1),
  );
}

beforeAll(async () => {
  intake = await localHttpServer((request) => {
    const [, kind, id] = (request.url ?? '').split('/');
    if (request.headers.authorization !== `Bearer ${SERVICE_TOKEN}`) return { status: 401 };
    if (kind === 'cases' && id && people.has(id)) return { status: 200, body: { returneeId: id } };
    const found = id ? people.get(id) : undefined;
    if (kind === 'returnees' && found)
      return {
        status: 200,
        body: { id, contact: { email: found.email ?? null, phone: found.phone ?? null } },
      };
    return { status: 404 };
  });
  gateway = await localHttpServer(() => ({ status: 500, body: { error: 'down' } }));
  deadLetters = new TopicRecorder(currentTestStack().kafkaBrokers, [
    deadLetterTopicOf(TOPICS.pathEvents),
  ]);
  await deadLetters.start();
  producer = await testProducer();
  notifications = await startNotifications({
    INTAKE_URL: intake.url,
    INTAKE_ACCESS_TOKEN: SERVICE_TOKEN,
    SMS_GATEWAY_URL: `${gateway.url}/messages`,
    SMS_GATEWAY_TOKEN: 'gateway-token',
    OFFICER_EMAILS: JSON.stringify({ [OFFICER]: OFFICER_EMAIL }),
    OFFICE_EMAIL,
    NOTIFY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    NOTIFY_RETRY_BASE_MS: '100',
    NOTIFY_POLL_INTERVAL_MS: '50',
  });
});

afterAll(async () => {
  await notifications?.stop();
  await producer?.disconnect();
  await deadLetters?.stop();
  await intake?.close();
  await gateway?.close();
});

describe('follow-up reminders', () => {
  it('e-mails the person in Spanish through the SMTP sink when the case has contact consent, and the officer too', async () => {
    const ana = person({ email: `persona-${randomUUID()}@example.test`, phone: '+503 7000-0001' });
    await grantContact(ana.caseId);
    await send(producer, TOPICS.pathEvents, followUpDue(ana.caseId, 1));

    const [mail] = await eventually(() => {
      const received = mailTo(ana.email ?? '');
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail?.subject).toBe('Recordatorio: su cita de seguimiento');
    expect(mail?.text).toContain('desde el 1 de marzo de 2027');
    expect(mail?.text).toContain('(etapa 1) con la oficina municipal de atención a personas');
    // The person's message names no case; the officer's does.
    expect(mail?.text).not.toContain(ana.caseId);
    await officerReminded(ana.caseId);
    expect(mailTo(OFFICER_EMAIL).find((m) => m.text.includes(ana.caseId))?.subject).toBe(
      'Seguimiento pendiente: etapa 1',
    );

    await eventually(async () =>
      expect(await deliveries(ana.caseId)).toEqual([
        expect.objectContaining({
          recipient: 'officer',
          status: 'sent',
          channel: 'email',
          attempts: 1,
        }),
        expect.objectContaining({
          recipient: 'person',
          status: 'sent',
          channel: 'email',
          attempts: 1,
        }),
      ]),
    );
    // The log keeps no address: intake is asked at send time.
    const logged = (await notifications.db.query(
      `SELECT to_jsonb(d)::text AS row FROM deliveries d WHERE case_id = $1`,
      [ana.caseId],
    )) as { row: string }[];
    for (const { row } of logged) {
      expect(row).not.toContain(ana.email);
      expect(row).not.toContain('7000-0001');
    }
  });

  it('sends nothing to a person without contact consent and logs it as skipped (intake is not even asked)', async () => {
    const beto = person({ email: `persona-${randomUUID()}@example.test` });
    await send(producer, TOPICS.pathEvents, followUpDue(beto.caseId));
    await officerReminded(beto.caseId);
    expect(await deliveries(beto.caseId)).toEqual([
      expect.objectContaining({ recipient: 'officer', status: 'sent' }),
      expect.objectContaining({
        recipient: 'person',
        status: 'skipped',
        reason: 'no-contact-consent',
        attempts: 0,
      }),
    ]);
    expect(mailTo(beto.email ?? '')).toEqual([]);
    expect(intake.requests.some((r) => r.url.includes(beto.caseId))).toBe(false);
  });

  it('sends nothing once the contact consent is withdrawn', async () => {
    const carla = person({ email: `persona-${randomUUID()}@example.test` });
    const consentId = await grantContact(carla.caseId);
    await send(
      producer,
      TOPICS.intakeConsents,
      eventOf(consentWithdrawnV1, carla.caseId, {
        consentId,
        caseId: carla.caseId,
        purpose: 'contact',
        formVersion: 'f-1',
        withdrawnAt: new Date().toISOString(),
      }),
    );
    await eventually(async () =>
      expect(
        await notifications.db.query(
          `SELECT 1 FROM contact_consents WHERE consent_id = $1 AND withdrawn_at IS NOT NULL`,
          [consentId],
        ),
      ).toHaveLength(1),
    );
    await send(producer, TOPICS.pathEvents, followUpDue(carla.caseId));
    await officerReminded(carla.caseId);
    expect(await deliveries(carla.caseId)).toContainEqual(
      expect.objectContaining({
        recipient: 'person',
        status: 'skipped',
        reason: 'no-contact-consent',
      }),
    );
    expect(mailTo(carla.email ?? '')).toEqual([]);
  });

  it(`retries a failing SMS gateway ${MAX_ATTEMPTS} times, then dead-letters the reminder with the reason`, async () => {
    const dora = person({ phone: `+503 7${RUN.replace(/\D/g, '0').slice(0, 3)}-0002` });
    await grantContact(dora.caseId);
    const event = followUpDue(dora.caseId, 2);
    await send(producer, TOPICS.pathEvents, event);

    await eventually(async () =>
      expect(await deliveries(dora.caseId)).toContainEqual({
        recipient: 'person',
        status: 'dead-lettered',
        reason: 'delivery-failed',
        channel: 'sms',
        attempts: MAX_ATTEMPTS,
        last_error: 'sms gateway answered 500',
      }),
    );
    const calls = gateway.requests.filter((r) => r.body.includes(dora.phone ?? ''));
    expect(calls).toHaveLength(MAX_ATTEMPTS);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/messages',
      authorization: 'Bearer gateway-token',
    });
    expect(JSON.parse(calls[0]?.body ?? '{}')).toMatchObject({ channel: 'sms', to: dora.phone });

    const letter = await eventually(() => {
      // Other consumers of the shared topic may dead-letter the same test event for their own reasons.
      const found = deadLetters.messages.find(
        (m) =>
          m.value?.includes(event.id) &&
          m.headers['dlq-consumer'] === `${notifications.group}:delivery`,
      );
      expect(found).toBeDefined();
      return found;
    });
    expect(letter?.headers).toMatchObject({
      'dlq-reason': 'notification.delivery-failed',
      'dlq-original-topic': TOPICS.pathEvents,
      'dlq-detail': `person follow-up-due via sms after ${MAX_ATTEMPTS} attempts: sms gateway answered 500`,
    });
    expect(letter?.headers['dlq-detail']).not.toContain(dora.phone);
  });

  it('sends nothing for a follow-up long past (a replay of old events), logged as too old', async () => {
    const fito = person({ email: `persona-${randomUUID()}@example.test` });
    await grantContact(fito.caseId);
    const longAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    await send(producer, TOPICS.pathEvents, followUpDue(fito.caseId, 1, longAgo));
    await eventually(async () =>
      expect(await deliveries(fito.caseId)).toEqual([
        expect.objectContaining({ recipient: 'officer', status: 'skipped', reason: 'too-old' }),
        expect.objectContaining({ recipient: 'person', status: 'skipped', reason: 'too-old' }),
      ]),
    );
    expect(mailTo(fito.email ?? '')).toEqual([]);
    expect(mailTo(OFFICER_EMAIL).filter((mail) => mail.text.includes(fito.caseId))).toEqual([]);
  });

  it('sends one message for an event delivered twice', async () => {
    const eva = person({ email: `persona-${randomUUID()}@example.test` });
    await grantContact(eva.caseId);
    const event = followUpDue(eva.caseId, 3);
    await send(producer, TOPICS.pathEvents, event);
    await send(producer, TOPICS.pathEvents, event);
    await eventually(() => expect(mailTo(eva.email ?? '')).toHaveLength(1));
    await officerReminded(eva.caseId);
    // Another follow-up after the repeat proves the repeat was read and dropped, not pending.
    const later = person({ email: `persona-${randomUUID()}@example.test` });
    await send(producer, TOPICS.pathEvents, followUpDue(later.caseId));
    await officerReminded(later.caseId);
    expect(mailTo(eva.email ?? '')).toHaveLength(1);
    expect(await deliveries(eva.caseId)).toHaveLength(2);
  });
});

describe('deadline reminders', () => {
  it('tells the office when a referral’s acknowledgement deadline was missed, and never the person', async () => {
    const gina = person({ email: `persona-${randomUUID()}@example.test` });
    await grantContact(gina.caseId);
    const referralId = randomUUID();
    await send(
      producer,
      TOPICS.pathEvents,
      eventOf(referralEscalatedV1, gina.caseId, {
        referralId,
        caseId: gina.caseId,
        service: 'housing',
        priority: 'urgent',
        providerIds: ['albergue-prueba'],
        acknowledgeBy: '2026-12-01T18:00:00.000Z',
        escalatedAt: new Date().toISOString(),
        escalation: 1,
      }),
    );
    const [mail] = await eventually(() => {
      const received = mailTo(OFFICE_EMAIL).filter((m) => m.text.includes(referralId));
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail?.subject).toBe('Remisión sin respuesta');
    expect(mail?.text).toContain(`(housing) del caso ${gina.caseId}`);
    expect(mail?.text).toContain('antes del 1 de diciembre de 2026');
    expect(await deliveries(gina.caseId)).toEqual([
      expect.objectContaining({ recipient: 'officer', status: 'sent', channel: 'email' }),
    ]);
    expect(mailTo(gina.email ?? '')).toEqual([]);
  });
});
