import type { INestApplication } from '@nestjs/common';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  parseEvent,
  referralRequestedV1,
  referralStatusChangedV1,
  TOPICS,
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, testToken, TopicRecorder } from '@reintegra/testing';
import { freshDui, startIntakeForTest } from '../testing/intake-test-bed';

/**
 * A victim-support referral leaves intake as two events that nothing but intake can join: the
 * confidential one (reference only) and the case-keyed one for the path (no reference).
 */
const stack = currentTestStack();
let app: INestApplication;
let url: string;
let recorder: TopicRecorder;
let producer: Producer;
let officer: string;
let caseId: string;

async function post(path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: officer },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' });
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.intakeReferrals, TOPICS.referralStatus]);
  producer = new Kafka({
    brokers: stack.kafkaBrokers,
    clientId: 'vs-test',
    logLevel: 1,
  }).producer();
  await Promise.all([recorder.start(), producer.connect()]);
  ({ app, url } = await startIntakeForTest());
  const registered = await post('/returnees', {
    dui: freshDui(),
    firstNames: 'Sobreviviente',
    lastNames: `Prueba ${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1996-04-04',
    gender: 'female',
    returnDate: '2026-11-21',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  });
  caseId = registered.body['caseId'] as string;
});

afterAll(async () => {
  await Promise.allSettled([recorder?.stop(), producer?.disconnect()]);
  await app?.close();
});

describe('victim-support referral from intake', () => {
  it('needs the survivor’s consent for victim support', async () => {
    const refused = await post(`/cases/${caseId}/victim-support-referrals`, {
      priority: 'emergency',
      requestedServices: ['psychological'],
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'referral.consent-missing' });
  });

  it('sends a reference-only referral to victim support and a case-keyed one to the path, then forwards status', async () => {
    await post(`/cases/${caseId}/consents`, {
      purpose: 'service-referral',
      scope: 'victim-support',
      formVersion: 'CONS-VS-1',
    });
    const sent = await post(`/cases/${caseId}/victim-support-referrals`, {
      priority: 'emergency',
      requestedServices: ['psychological', 'legal'],
    });
    expect(sent.status).toBe(201);
    const referralId = sent.body['referralId'] as string;
    expect(JSON.stringify(sent.body)).not.toMatch(/reference/);

    const [confidential, forPath] = await eventually(() => {
      const parsed = recorder.messages.map((m) => ({ message: m, parsed: parseEvent(m.value) }));
      const vs = parsed.find(
        (p) =>
          p.parsed.ok &&
          p.parsed.event.type === victimSupportReferralRequestedV1.type &&
          !p.message.value?.includes(caseId),
      );
      const path = parsed.find(
        (p) =>
          p.parsed.ok &&
          p.parsed.event.type === referralRequestedV1.type &&
          p.message.key === caseId,
      );
      if (!vs || !path) throw new Error('both events not there yet');
      return [vs, path];
    });
    const reference =
      (confidential.parsed.ok &&
        (confidential.parsed.event.data as { reference: string }).reference) ||
      '';
    expect(confidential.message.key).toBe(reference);
    // The one routing fact: the survivor's municipality, so that its office takes the referral.
    expect(confidential.parsed).toMatchObject({
      event: { data: { municipalityCode: 'SV-PA-LA-PAZ-ESTE' } },
    });
    // Held apart from its twin: only the hour, and nothing of the request's ids.
    expect(confidential.parsed).toMatchObject({
      ok: true,
      event: { time: expect.stringMatching(/:00:00(\.000)?Z$/) },
    });
    expect(confidential.message.value).not.toContain(
      (forPath.parsed.ok && forPath.parsed.event.correlationid) || 'none',
    );
    expect(confidential.message.value).not.toContain(caseId);
    expect(confidential.message.value).not.toContain(referralId);
    expect(forPath.message.value).not.toContain(reference);
    expect(forPath.parsed).toMatchObject({
      ok: true,
      event: { data: { referralId, service: 'victim-support' } },
    });

    // Victim support accepts, by reference only.
    await producer.send({
      topic: TOPICS.referralStatus,
      messages: [
        {
          key: reference,
          value: JSON.stringify(
            createEvent(victimSupportStatusChangedV1, {
              subject: reference,
              source: '/reintegra/victim-support',
              actor: 'system:victim-support',
              correlationId: randomUUID(),
              data: { reference, status: 'accepted' },
            }),
          ),
        },
      ],
    });
    const forwarded = await eventually(() => {
      const found = recorder.messages
        .filter((m) => m.key === caseId)
        .map((m) => parseEvent(m.value))
        .find((p) => p.ok && p.event.type === referralStatusChangedV1.type);
      if (!found) throw new Error('status not forwarded yet');
      return found;
    });
    expect(forwarded).toMatchObject({
      ok: true,
      event: { data: { referralId, caseId, service: 'victim-support', status: 'accepted' } },
    });
    expect(JSON.stringify(forwarded)).not.toContain(reference);
  });
});

describe('child-protection referral from intake', () => {
  it('leaves as a reference of kind child-protection, and a case-keyed referral without the child’s facts', async () => {
    const minor = await post('/returnees', {
      firstNames: 'Niño',
      lastNames: `Prueba ${randomUUID().slice(0, 6)}`,
      dateOfBirth: '2015-02-02',
      gender: 'male',
      returnDate: '2026-11-21',
      countryReturnedFrom: 'MX',
      receptionPoint: 'frontera-la-hachadura',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      // A child has no DUI, and the children of earlier runs are close enough by name and birth
      // date to be offered as duplicates (409): this is another child, as an officer would confirm.
      confirmedNewPerson: true,
    });
    expect(minor.status).toBe(201);
    const minorCase = minor.body['caseId'] as string;
    const guardian = await fetch(`${url}/cases/${minorCase}/guardian`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: officer },
      body: JSON.stringify({ firstNames: 'Ana', lastNames: 'Prueba', capacity: 'parent' }),
    });
    expect(guardian.status).toBe(200);
    const consent = await post(`/cases/${minorCase}/consents`, {
      purpose: 'service-referral',
      scope: 'child-protection',
      formVersion: 'CONS-CP-1',
    });
    expect(consent.body['givenBy']).toMatchObject({ capacity: 'guardian' });
    const sent = await post(`/cases/${minorCase}/child-protection-referrals`, {
      priority: 'urgent',
      requestedServices: ['psychological'],
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ service: 'child-protection', status: 'requested' });
    const referralId = sent.body['referralId'] as string;

    const [confidential, forPath] = await eventually(() => {
      const parsed = recorder.messages.map((m) => ({ message: m, parsed: parseEvent(m.value) }));
      const vs = parsed.find(
        (p) =>
          p.parsed.ok &&
          p.parsed.event.type === victimSupportReferralRequestedV1.type &&
          (p.parsed.event.data as { kind?: string }).kind === 'child-protection',
      );
      const path = parsed.find(
        (p) =>
          p.parsed.ok &&
          p.parsed.event.type === referralRequestedV1.type &&
          p.message.key === minorCase,
      );
      if (!vs || !path) throw new Error('both events not there yet');
      return [vs, path];
    });
    expect(confidential.message.value).not.toContain(minorCase);
    expect(confidential.message.value).not.toContain(referralId);
    expect(confidential.parsed).toMatchObject({
      event: {
        data: {
          kind: 'child-protection',
          priority: 'urgent',
          requestedServices: ['psychological'],
          municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        },
      },
    });
    expect(forPath.parsed).toMatchObject({
      ok: true,
      event: { data: { referralId, service: 'child-protection', providerIds: ['victim-support'] } },
    });
    // The child's age, sex and district stay in intake.
    expect(forPath.parsed.ok && 'eligibility' in (forPath.parsed.event.data as object)).toBe(false);
  });
});
