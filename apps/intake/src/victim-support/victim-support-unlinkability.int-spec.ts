import type { INestApplication } from '@nestjs/common';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  type EventEnvelope,
  parseEvent,
  referralRequestedV1,
  referralStatusChangedV1,
  TOPICS,
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { currentTestStack, eventually, testToken } from '@reintegra/testing';
import { freshDui, startIntakeForTest } from '../testing/intake-test-bed';
import {
  type AttackerMessage,
  chanceLevel,
  JOIN_STRATEGIES,
  joinScore,
} from './testing/unlinkability-attacker';

/**
 * An attacker who reads every topic intake writes tries to join each pseudonymous reference to
 * its case, both when the referral goes out and when the status comes back. It must do no better
 * than guessing.
 */
const N = 20;
const stack = currentTestStack();
let app: INestApplication;
let url: string;
let officer: string;
let attacker: Consumer;
let producer: Producer;
const seen: AttackerMessage[] = [];
/**
 * Ids of the events this intake wrote. Other suites run intakes of their own (other versions)
 * on the same test database and topics; their copies of a status are not this code's output.
 */
let writtenHere: () => Set<string>;

async function post(path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: officer },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function caseWithConsents(): Promise<string> {
  const registered = await post('/returnees', {
    dui: freshDui(),
    firstNames: 'Sobreviviente',
    lastNames: `Prueba ${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1994-02-02',
    gender: 'female',
    returnDate: '2026-11-21',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  });
  const caseId = registered.body['caseId'] as string;
  for (const scope of ['victim-support', 'employment']) {
    const consent = await post(`/cases/${caseId}/consents`, {
      purpose: 'service-referral',
      scope,
      formVersion: 'CONS-VS-1',
    });
    expect(consent.status).toBe(201);
  }
  return caseId;
}

function ofType(type: string): AttackerMessage[] {
  return seen.filter((m) => m.event.type === type);
}

/** This intake's case-side events about victim support for the suite's cases. */
function caseSide(type: string, cases: ReadonlySet<string>): AttackerMessage[] {
  const ids = writtenHere();
  return ofType(type).filter(
    (m) =>
      cases.has(m.event.subject) &&
      m.event.data['service'] === 'victim-support' &&
      ids.has(m.event.id),
  );
}

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' });
  const kafka = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'vs-attacker', logLevel: 1 });
  attacker = kafka.consumer({ groupId: `vs-attacker-${randomUUID()}` });
  producer = kafka.producer();
  await Promise.all([attacker.connect(), producer.connect()]);
  await attacker.subscribe({
    topics: [TOPICS.intakeReferrals, TOPICS.referralStatus],
    fromBeginning: false,
  });
  const joined = new Promise<void>((resolve) => {
    attacker.on(attacker.events.GROUP_JOIN, () => resolve());
  });
  await attacker.run({
    eachMessage: async ({ topic, partition, message }) => {
      const parsed = parseEvent(message.value?.toString() ?? null);
      if (!parsed.ok) return;
      seen.push({
        topic,
        partition,
        offset: Number(message.offset),
        kafkaTime: Number(message.timestamp),
        // Every event on these topics carries an object as data (parseEvent checked the contract).
        event: parsed.event as EventEnvelope<Record<string, unknown>>,
      });
    },
  });
  await joined;
  await new Promise((resolve) => setTimeout(resolve, 500));
  ({ app, url } = await startIntakeForTest());
  const added = jest.spyOn(app.get(OutboxWriter), 'add');
  writtenHere = () => new Set(added.mock.calls.map(([, , event]) => event.id));
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([attacker?.disconnect(), producer?.disconnect()]);
  await app?.close();
});

describe('an attacker reading every topic cannot join a victim-support reference to its case', () => {
  it(`pairs ${N} simultaneous referrals, and their status, no better than chance`, async () => {
    const cases: string[] = [];
    for (let i = 0; i < N; i += 1) cases.push(await caseWithConsents());

    // All at once, among ordinary referrals of the same cases.
    const sent = await Promise.all(
      cases.flatMap((caseId) => [
        post(`/cases/${caseId}/referrals`, {
          service: 'employment',
          priority: 'normal',
          providerIds: ['oficina-empleo-la-paz-este'],
        }),
        post(`/cases/${caseId}/victim-support-referrals`, {
          priority: 'emergency',
          requestedServices: ['psychological'],
        }),
      ]),
    );
    expect(sent.map((s) => s.status)).toEqual(sent.map(() => 201));
    const ours = new Set(cases);
    // The truth, reference → case, is in intake's database only; the attacker never reads it.
    const truth = await truthFromIntake(cases);
    const references = [...truth.keys()];
    expect(references).toHaveLength(N);

    const requests = await eventually(
      () => {
        const cases = caseSide(referralRequestedV1.type, ours);
        const referenceSide = ofType(victimSupportReferralRequestedV1.type).filter((m) =>
          truth.has(m.event.subject),
        );
        if (cases.length < N || referenceSide.length < N) throw new Error('not all sent yet');
        return { caseSide: cases, referenceSide };
      },
      { timeoutMs: 60_000 },
    );

    // Victim support reports on every reference at once; intake forwards each to its case.
    await producer.send({
      topic: TOPICS.referralStatus,
      messages: references.map((reference) => ({
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
      })),
    });
    const statuses = await eventually(
      () => {
        const cases = caseSide(referralStatusChangedV1.type, ours);
        const referenceSide = ofType(victimSupportStatusChangedV1.type).filter((m) =>
          truth.has(m.event.subject),
        );
        if (cases.length < N || referenceSide.length < N) throw new Error('not forwarded yet');
        return { caseSide: cases, referenceSide };
      },
      { timeoutMs: 60_000 },
    );

    const scores: Record<string, number> = {};
    for (const strategy of JOIN_STRATEGIES) {
      scores[`request/${strategy}`] = joinScore(strategy, requests, truth);
      scores[`status/${strategy}`] = joinScore(strategy, statuses, truth);
    }
    // Chance is 1 right pairing in N; allow some luck, never a join.
    const limit = 4 * chanceLevel(N);
    const tooGood = Object.entries(scores).filter(([, score]) => score > limit);
    expect(tooGood).toEqual([]);
  }, 180_000);
});

/** reference → case, read from intake's own mapping (what no consumer of the bus has). */
async function truthFromIntake(cases: string[]): Promise<Map<string, string>> {
  const { DataSource } = await import('typeorm');
  const dataSource = app.get(DataSource);
  const rows = (await dataSource.query(
    `SELECT reference, case_id FROM victim_support_referrals WHERE case_id = ANY($1::uuid[])`,
    [cases],
  )) as Array<{ reference: string; case_id: string }>;
  return new Map(rows.map((row) => [row.reference, row.case_id]));
}
