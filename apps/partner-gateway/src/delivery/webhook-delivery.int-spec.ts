import { randomUUID } from 'node:crypto';
import {
  partnerCaseClosedV1,
  partnerCaseOpenedV1,
  partnerDataRedactionRequestedV1,
  partnerTopicOf,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, TopicRecorder } from '@reintegra/testing';
import { PartnerTestBed } from '../testing/partner-test-bed';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { REPLAY_HEADER } from './delivery-worker.service';
import { verify } from './webhook-signature';

/**
 * Webhook delivery against a local receiver that fails as told: retries with backoff, dead
 * letters after WEBHOOK_MAX_ATTEMPTS (3 here), per-case order, re-drive, the delivery log, and
 * replay into webhooks and Kafka.
 */
const bed = new PartnerTestBed({ PARTNER_CONSENT_HOLD_SECONDS: '3600' });
const receiver = new WebhookReceiver();
const types = [partnerCaseOpenedV1.type, partnerCaseClosedV1.type];

interface Subscriber {
  id: string;
  apiKey: string;
  subscriptionId: string;
  secret: string;
  path: string;
}

async function subscriber(name: string, behaviour: Parameters<WebhookReceiver['endpoint']>[1]) {
  const agency = await bed.agency(name, 'ngo');
  const path = `/${name}`;
  const created = await bed.call(
    'POST',
    '/agency/subscriptions',
    { apiKey: agency.apiKey },
    {
      eventTypes: types,
      channel: 'webhook',
      webhookUrl: receiver.endpoint(path, behaviour),
    },
  );
  expect(created.status).toBe(201);
  return {
    ...agency,
    path,
    subscriptionId: created.body['id'] as string,
    secret: created.body['webhookSecret'] as string,
  } satisfies Subscriber;
}

/** A case that consented to NGOs, opened and closed (one topic, so in this order). */
async function consentingCase(): Promise<string> {
  const caseId = randomUUID();
  await bed.consent(caseId, 'partner-sharing', 'ngo');
  await bed.registered(caseId);
  await bed.closed(caseId);
  return caseId;
}

beforeAll(async () => {
  await bed.start();
  await receiver.start();
}, 60_000);

afterAll(async () => {
  await receiver.stop();
  await bed.stop();
});

describe('retries and order', () => {
  it('retries a failing receiver until it accepts, with the same id and a valid signature each time', async () => {
    const flaky = await subscriber('ong-intermitente', { kind: 'fail-first', times: 2 });
    const cases = await Promise.all([consentingCase(), consentingCase(), consentingCase()]);
    const subjects = await Promise.all(cases.map((caseId) => bed.pseudonymOf(flaky.id, caseId)));
    await eventually(() => expect(receiver.accepted(flaky.path)).toHaveLength(6), {
      timeoutMs: 30_000,
    });
    // Each event: two refused attempts, then accepted; each attempt signed, same webhook-id.
    const ids = [...new Set(receiver.at(flaky.path).map((request) => request.id))];
    expect(ids).toHaveLength(6);
    for (const id of ids) {
      const attempts = receiver.at(flaky.path).filter((request) => request.id === id);
      expect(attempts.map((request) => request.status)).toEqual([503, 503, 204]);
      for (const request of attempts) {
        expect(
          verify(
            flaky.secret,
            { id: request.id, timestamp: request.timestamp, signature: request.signature },
            request.body,
          ),
        ).toBe(true);
      }
    }
    // Per case: opened before closed, and the closure was not even tried before the opening
    // was accepted.
    for (const subject of subjects) {
      const ofCase = receiver.at(flaky.path).filter((request) => request.body.includes(subject));
      const kinds = ofCase.map((request) => JSON.parse(request.body).type as string);
      const lastOpening = kinds.lastIndexOf(partnerCaseOpenedV1.type);
      expect(kinds.indexOf(partnerCaseClosedV1.type)).toBeGreaterThan(lastOpening);
    }
    const log = await bed.call('GET', `/agency/subscriptions/${flaky.subscriptionId}/deliveries`, {
      apiKey: flaky.apiKey,
    });
    expect(log.status).toBe(200);
    expect(log.body['deliveries']).toEqual(
      Array.from({ length: 6 }, () =>
        expect.objectContaining({ status: 'delivered', attempts: 3, lastStatusCode: 204 }),
      ),
    );
  });

  it('dead-letters after the last attempt; a later event of the case waits for it; re-drive delivers both in order', async () => {
    const down = await subscriber('ong-caida', { kind: 'fail' });
    const caseId = await consentingCase();
    const log = () =>
      bed.call('GET', `/agency/subscriptions/${down.subscriptionId}/deliveries`, {
        apiKey: down.apiKey,
      });
    await eventually(
      async () =>
        expect((await log()).body['deliveries']).toEqual([
          expect.objectContaining({
            eventType: partnerCaseClosedV1.type,
            status: 'dead',
            attempts: 3,
          }),
          expect.objectContaining({
            eventType: partnerCaseOpenedV1.type,
            status: 'dead',
            attempts: 3,
            lastError: 'HTTP 503',
            lastStatusCode: 503,
          }),
        ]),
      { timeoutMs: 30_000 },
    );
    // The closure was first tried only after the opening was dead-lettered.
    const requests = receiver.at(down.path);
    const kindOf = (body: string) => JSON.parse(body).type as string;
    const lastOpening = requests.map((r) => kindOf(r.body)).lastIndexOf(partnerCaseOpenedV1.type);
    const firstClosure = requests.map((r) => kindOf(r.body)).indexOf(partnerCaseClosedV1.type);
    expect(firstClosure).toBeGreaterThan(lastOpening);

    receiver.behave(down.path, { kind: 'ok' });
    const redriven = await bed.admin(
      'POST',
      `/admin/subscriptions/${down.subscriptionId}/dead-letters/redrive`,
    );
    expect(redriven).toMatchObject({ status: 200, body: { redriven: 2, keptWithoutConsent: 0 } });
    await eventually(() =>
      expect(receiver.accepted(down.path).map((request) => request.event['type'])).toEqual([
        partnerCaseOpenedV1.type,
        partnerCaseClosedV1.type,
      ]),
    );
    expect(receiver.accepted(down.path)[0]?.event['subject']).toBe(
      await bed.pseudonymOf(down.id, caseId),
    );
    const audit = await bed.db.query(
      `SELECT action, actor, detail FROM audit_log WHERE target = $1 AND action = 'dead-letters.redrive'`,
      [down.subscriptionId],
    );
    expect(audit).toEqual([
      {
        action: 'dead-letters.redrive',
        actor: 'user:test-admin',
        detail: { redriven: 2, keptWithoutConsent: 0 },
      },
    ]);
  });

  it('keeps dead letters of a case whose consent was withdrawn out of a re-drive; the redaction goes', async () => {
    const down = await subscriber('ong-sin-consentimiento', { kind: 'fail' });
    const caseId = randomUUID();
    const consentId = await bed.consent(caseId, 'partner-sharing', 'ngo');
    await bed.registered(caseId);
    const statuses = async () =>
      (
        await bed.call('GET', `/agency/subscriptions/${down.subscriptionId}/deliveries`, {
          apiKey: down.apiKey,
        })
      ).body['deliveries'] as Array<{ eventType: string; status: string }>;
    await eventually(async () =>
      expect(await statuses()).toEqual([expect.objectContaining({ status: 'dead' })]),
    );
    await bed.withdraw(caseId, consentId, 'partner-sharing', 'ngo');
    await eventually(async () =>
      expect((await statuses()).map((d) => [d.eventType, d.status])).toEqual([
        [partnerDataRedactionRequestedV1.type, 'dead'],
        [partnerCaseOpenedV1.type, 'dead'],
      ]),
    );
    receiver.behave(down.path, { kind: 'ok' });
    const redriven = await bed.admin(
      'POST',
      `/admin/subscriptions/${down.subscriptionId}/dead-letters/redrive`,
    );
    expect(redriven.body).toMatchObject({ redriven: 1, keptWithoutConsent: 1 });
    await eventually(() =>
      expect(receiver.accepted(down.path).map((request) => request.event['type'])).toEqual([
        partnerDataRedactionRequestedV1.type,
      ]),
    );
  });

  it('cancels pending deliveries when a subscription is deactivated', async () => {
    const gone = await subscriber('ong-retirada', { kind: 'fail' });
    await consentingCase();
    await eventually(async () =>
      expect(
        (
          await bed.call('GET', `/agency/subscriptions/${gone.subscriptionId}/deliveries`, {
            apiKey: gone.apiKey,
          })
        ).body['deliveries'],
      ).toHaveLength(2),
    );
    const deactivated = await bed.call(
      'POST',
      `/agency/subscriptions/${gone.subscriptionId}/deactivation`,
      { apiKey: gone.apiKey },
    );
    expect(deactivated).toMatchObject({ status: 200, body: { active: false } });
    const statuses: Array<{ status: string }> = await bed.db.query(
      `SELECT status FROM deliveries WHERE subscription_id = $1`,
      [gone.subscriptionId],
    );
    expect(statuses.every((row) => ['cancelled', 'dead'].includes(row.status))).toBe(true);
  });
});

describe('replay', () => {
  it('sends the agency its logged events again (same ids, marked as replay) into webhooks and Kafka, without the cases whose consent was withdrawn', async () => {
    const agency = await subscriber('ong-repite', { kind: 'ok' });
    const stream = await bed.call(
      'POST',
      '/agency/subscriptions',
      { apiKey: agency.apiKey },
      {
        eventTypes: types,
        channel: 'kafka',
      },
    );
    expect(stream.status).toBe(201);
    const recorder = new TopicRecorder(currentTestStack().kafkaBrokers, [
      partnerTopicOf(agency.id),
    ]);
    await recorder.start();
    try {
      const from = new Date(Date.now() - 1000).toISOString();
      const kept = await consentingCase();
      const withdrawn = randomUUID();
      const consentId = await bed.consent(withdrawn, 'partner-sharing', 'ngo');
      await bed.registered(withdrawn);
      await eventually(() => expect(receiver.accepted(agency.path)).toHaveLength(3));
      await bed.withdraw(withdrawn, consentId, 'partner-sharing', 'ngo');
      await eventually(() => expect(receiver.accepted(agency.path)).toHaveLength(4));
      const original = receiver.accepted(agency.path);

      const replay = await bed.call(
        'POST',
        `/agency/subscriptions/${agency.subscriptionId}/replays`,
        { apiKey: agency.apiKey },
        { from },
      );
      expect(replay).toMatchObject({ status: 202, body: { events: 3 } });
      const replayed = () => receiver.at(agency.path).filter((request) => request.replay);
      await eventually(() => expect(replayed()).toHaveLength(3));
      const keptSubject = await bed.pseudonymOf(agency.id, kept);
      const withdrawnSubject = await bed.pseudonymOf(agency.id, withdrawn);
      // Order is kept per case (cases are sent in parallel).
      const replayedTypes = (subject: string) =>
        replayed()
          .map((request) => JSON.parse(request.body) as { type: string; subject: string })
          .filter((event) => event.subject === subject)
          .map((event) => event.type);
      expect(replayedTypes(keptSubject)).toEqual([
        partnerCaseOpenedV1.type,
        partnerCaseClosedV1.type,
      ]);
      expect(replayedTypes(withdrawnSubject)).toEqual([partnerDataRedactionRequestedV1.type]);
      // The same event ids as the first time: a receiver can recognise what it already has.
      const originalIds = new Set(original.map((request) => request.id));
      expect(replayed().every((request) => originalIds.has(request.id))).toBe(true);

      const kafkaReplay = await bed.call(
        'POST',
        `/agency/subscriptions/${stream.body['id']}/replays`,
        { apiKey: agency.apiKey },
        { from },
      );
      expect(kafkaReplay).toMatchObject({ status: 202, body: { events: 3 } });
      await eventually(() =>
        expect(
          recorder.messages.filter((message) => message.headers[REPLAY_HEADER] === 'true'),
        ).toHaveLength(3),
      );
    } finally {
      await recorder.stop();
    }
  });

  it('refuses a start outside the retention window and another agency’s subscription', async () => {
    const agency = await subscriber('ong-antigua', { kind: 'ok' });
    const other = await bed.agency('ong-ajena', 'ngo');
    const before = await bed.footprint();
    const tooOld = await bed.call(
      'POST',
      `/agency/subscriptions/${agency.subscriptionId}/replays`,
      { apiKey: agency.apiKey },
      { from: new Date(Date.now() - 400 * 86_400_000).toISOString() },
    );
    expect(tooOld).toMatchObject({ status: 422, body: { code: 'replay.outside-retention' } });
    const foreign = await bed.call(
      'POST',
      `/agency/subscriptions/${agency.subscriptionId}/replays`,
      { apiKey: other.apiKey },
      { from: new Date().toISOString() },
    );
    expect(foreign).toMatchObject({ status: 404, body: { code: 'subscription.not-found' } });
    expect(await bed.footprint()).toEqual(before);
  });
});
