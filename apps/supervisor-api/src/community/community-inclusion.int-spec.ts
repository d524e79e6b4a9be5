import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOUDEVENTS_CONTENT_TYPE, deadLetterTopicOf, TOPICS } from '@reintegra/event-contracts';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { configureServiceApp } from '@reintegra/platform-service';
import {
  currentTestStack,
  eventually,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
  TopicRecorder,
} from '@reintegra/testing';
import { supervisorApiConfigSpec } from '../config';
import { supervisorDataSource } from '../database/supervisor-data-source';
import { supervisorApiService } from '../service';
import { SupervisorApiModule } from '../supervisor-api.module';
import {
  activityEvent,
  communityCaughtUp,
  milestoneEvent,
  type Origin,
  type Person,
  startCommunityStub,
} from './community-test-bed';

/**
 * Community inclusion on the dashboard: community events published by hand on the real broker,
 * projected by the supervisor API in-process, read through the endpoint within each scope.
 */
const stack = currentTestStack();
// Municipalities no other suite gives community activities to: their figures are this test's.
const CABANAS = 'SV-CA-CABANAS-ESTE';
const MORAZAN = 'SV-MO-MORAZAN-NORTE';
const DLQ = deadLetterTopicOf(TOPICS.communityEvents);
type Json = Record<string, unknown>;

let app: INestApplication;
let url: string;
let db: DataSource;
let producer: Producer;
let kafka: Kafka;
const recorder = new TopicRecorder(stack.kafkaBrokers, [DLQ]);
const tokens: Record<string, string> = {};
const participantIds: string[] = [];
let community: Awaited<ReturnType<typeof startCommunityStub>>;
/** The pulse survey aggregate as the community service answers it (its suppression applied). */
const OUTCOMES = {
  questionnaireVersion: 'pulse-2026-12',
  municipalityCode: CABANAS,
  minimumCell: 5,
  items: [
    {
      itemId: 'feels-part-of-community',
      dimension: 'belonging',
      reversed: false,
      waves: [
        { wave: 'pre', n: 6, mean: 2.5, suppressed: false },
        { wave: 'post', n: null, mean: null, suppressed: true },
      ],
    },
  ],
};

async function get(path: string, token: string) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: token } });
  return { status: response.status, body: (await response.json()) as Json };
}

async function send(key: string, value: string) {
  await producer.send({
    topic: TOPICS.communityEvents,
    messages: [{ key, value, headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } }],
  });
}

async function activity(municipalityCode: string, change: 'opened' | 'closed', minute: number) {
  const activityId = randomUUID();
  await send(
    activityId,
    JSON.stringify(activityEvent(activityId, municipalityCode, change, minute)),
  );
  return activityId;
}

/** A participant's milestone; the message is returned so a test can send it again. */
async function milestone(
  person: Person,
  activityId: string,
  step: Parameters<typeof milestoneEvent>[2],
  minute: number,
) {
  const value = JSON.stringify(milestoneEvent(person, activityId, step, minute));
  await send(person.participantId, value);
  return value;
}

function person(municipalityCode: string, origin: Origin): Person {
  const participantId = randomUUID();
  participantIds.push(participantId);
  return { participantId, origin, municipalityCode };
}

const caughtUp = () => communityCaughtUp(kafka, db);

const rowOf = (body: Json, code: string) =>
  (body['municipalities'] as Json[]).find((m) => m['municipalityCode'] === code);

beforeAll(async () => {
  community = await startCommunityStub(OUTCOMES);
  await runMigrations(
    serviceDataSourceOptions(supervisorDataSource(testDatabaseUrl('supervisor', 'migrator'))),
  );
  const config = loadConfig(supervisorApiConfigSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: 'supervisor-api-community-test',
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    INTAKE_URL: 'http://127.0.0.1:9',
    COMMUNITY_URL: community.url,
    ...testAuthEnvironment(),
  });
  kafka = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'supervisor-test', logLevel: 1 });
  producer = kafka.producer();
  await producer.connect();
  await recorder.start();
  app = await NestFactory.create(SupervisorApiModule.register(config), { logger: false });
  configureServiceApp(app, supervisorApiService);
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
  db = app.get(DataSource);
  // Earlier runs' facts of the two municipalities: already applied, so removing them is final.
  await caughtUp();
  for (const table of ['community_activities', 'community_participations'])
    await db.query(`DELETE FROM ${table} WHERE municipality_code = ANY($1)`, [[CABANAS, MORAZAN]]);
  tokens['cabanas'] = await testToken({ roles: ['supervisor'], municipalityCode: CABANAS });
  tokens['morazan'] = await testToken({ roles: ['supervisor'], municipalityCode: MORAZAN });
  tokens['national'] = await testToken({ roles: ['national-supervisor'] });
  tokens['facilitator'] = await testToken({
    roles: ['community-facilitator'],
    municipalityCode: CABANAS,
  });
}, 120_000);

afterAll(async () => {
  await community?.stop();
  await recorder.stop();
  await app?.close();
  await producer?.disconnect();
});

describe('community inclusion indicators', () => {
  const returnees = Array.from({ length: 5 }, () => person(CABANAS, 'returnee'));
  const host = [
    ...Array.from({ length: 5 }, () => person(CABANAS, 'resident')),
    person(CABANAS, 'family'),
    person(CABANAS, 'official'),
    person(CABANAS, 'resident'),
  ];
  const morazan = [
    person(MORAZAN, 'returnee'),
    person(MORAZAN, 'returnee'),
    person(MORAZAN, 'resident'),
  ];
  let replay = '';
  let closedActivity: string;
  let football: string;

  it('counts activities, people once, sustained participation and retention; small cells hidden', async () => {
    football = await activity(CABANAS, 'opened', 0);
    const mural = await activity(CABANAS, 'opened', 0);
    closedActivity = await activity(CABANAS, 'opened', 0);
    await send(
      closedActivity,
      JSON.stringify(activityEvent(closedActivity, CABANAS, 'closed', 30)),
    );
    const circle = await activity(MORAZAN, 'opened', 0);
    for (const p of [...returnees, ...host]) await milestone(p, football, 'joined', 1);
    // Someone in two activities is one participant; leaving one of them keeps them in.
    const [h1, h2, h3, h4, h5, , h7, h8] = host;
    if (!h1 || !h2 || !h3 || !h4 || !h5 || !h7 || !h8) throw new Error('eight host people');
    await milestone(h8, mural, 'joined', 2);
    await milestone(h8, mural, 'withdrawn', 3);
    await milestone(h7, football, 'withdrawn', 3);
    // Ten reach sustained participation; five host people drop off afterwards.
    for (const p of [...returnees, h1, h2, h3, h4, h5]) {
      await milestone(p, football, 'first-attendance', 5);
      const sent = await milestone(p, football, 'sustained', 20);
      if (!replay) replay = sent;
    }
    for (const p of [h1, h2, h3, h4, h5]) await milestone(p, football, 'dropped-off', 40);
    for (const p of morazan) await milestone(p, circle, 'joined', 1);
    await caughtUp();

    const national = await get('/api/community-inclusion', tokens['national'] ?? '');
    expect(national.status).toBe(200);
    expect(rowOf(national.body, CABANAS)).toEqual({
      municipalityCode: CABANAS,
      municipalityName: expect.any(String),
      activitiesRunning: 2,
      participants: { total: 12, returnees: 5, hostCommunity: 7 },
      sustained: 5,
      retention: {
        reachedSustained: 10,
        stillSustained: 5,
        droppedOff: 5,
        stillSustainedPercent: 50,
      },
      ruleVersions: ['2026-12'],
    });
    // Three people: every count of them is "<5", never the number.
    expect(rowOf(national.body, MORAZAN)).toMatchObject({
      activitiesRunning: 1,
      participants: { total: '<5', returnees: '<5', hostCommunity: '<5' },
      sustained: 0,
      retention: { reachedSustained: 0, stillSustainedPercent: null },
    });
    // Ids and codes of people never leave the read model.
    const text = JSON.stringify(national.body);
    for (const id of participantIds) expect(text).not.toContain(id);
  });

  it('ignores repeats and older facts that arrive late; dead-letters a bad message with its reason', async () => {
    const [h1] = host;
    if (!h1) throw new Error('host people');
    await send(randomUUID(), replay);
    await send(
      closedActivity,
      JSON.stringify(activityEvent(closedActivity, CABANAS, 'opened', 10)),
    );
    // Joined at minute 1, dropped off at minute 40: a late first attendance changes nothing.
    await milestone(h1, football, 'first-attendance', 6);
    const bad = randomUUID();
    const invalid = milestoneEvent(
      { participantId: bad, origin: 'resident', municipalityCode: CABANAS },
      randomUUID(),
      'joined',
      50,
    );
    await send(bad, JSON.stringify({ ...invalid, data: { ...invalid.data, origin: 'vecino' } }));
    await caughtUp();

    const after = await get('/api/community-inclusion', tokens['national'] ?? '');
    expect(rowOf(after.body, CABANAS)).toMatchObject({
      activitiesRunning: 2,
      participants: { total: 12, returnees: 5, hostCommunity: 7 },
      retention: { reachedSustained: 10, stillSustained: 5, droppedOff: 5 },
    });
    const dead = await eventually(
      () => {
        const found = recorder.messages.filter((m) => m.key === bad);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 30_000 },
    );
    expect(dead?.headers['dlq-reason']).toBe('invalid-data');
    expect(dead?.headers['dlq-detail']).toContain('origin');
  });

  it('shows a municipal supervisor their municipality only, and refuses another one', async () => {
    const own = await get('/api/community-inclusion', tokens['morazan'] ?? '');
    expect(own.status).toBe(200);
    expect((own.body['municipalities'] as Json[]).map((m) => m['municipalityCode'])).toEqual([
      MORAZAN,
    ]);
    const other = await get(
      `/api/community-inclusion?municipality=${CABANAS}`,
      tokens['morazan'] ?? '',
    );
    expect(other.status).toBe(403);
    expect(other.body['code']).toBe('supervisor.outside-municipality');
    const cabanas = await get('/api/community-inclusion', tokens['cabanas'] ?? '');
    expect(rowOf(cabanas.body, MORAZAN)).toBeUndefined();
    expect(rowOf(cabanas.body, CABANAS)).toBeDefined();
    expect((await get('/api/community-inclusion', tokens['facilitator'] ?? '')).status).toBe(403);
  });

  it('passes the cohesion aggregate on from the community service, within the scope', async () => {
    const own = await get('/api/community-inclusion/cohesion', tokens['cabanas'] ?? '');
    expect(own.status).toBe(200);
    expect(own.body).toEqual(OUTCOMES);
    // Asked with the supervisor's own token, for their municipality.
    expect(community.requests.at(-1)?.url).toBe(`/outcomes?municipalityCode=${CABANAS}`);
    expect(community.requests.at(-1)?.headers.authorization).toBe(tokens['cabanas']);
    const asked = community.requests.length;
    const outside = await get(
      `/api/community-inclusion/cohesion?municipality=${CABANAS}`,
      tokens['morazan'] ?? '',
    );
    expect(outside.status).toBe(403);
    const national = await get('/api/community-inclusion/cohesion', tokens['national'] ?? '');
    expect(national.status).toBe(400);
    expect(community.requests).toHaveLength(asked);
  });

  it('says so when the community service does not answer', async () => {
    await community.stop();
    const response = await fetch(
      `${url}/api/community-inclusion/cohesion?municipality=${MORAZAN}`,
      {
        headers: { authorization: tokens['national'] ?? '', 'accept-language': 'es' },
      },
    );
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as Json)['code']).toBe('community.unavailable');
  });
});
