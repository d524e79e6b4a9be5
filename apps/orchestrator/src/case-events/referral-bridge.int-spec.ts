import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  deadLetterTopicOf,
  parseEvent,
  referralRequestedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
  TOPICS,
  type EventDefinition,
  type EventEnvelope,
} from '@reintegra/event-contracts';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { kafkaConsumerTransport } from '@reintegra/platform-messaging';
import {
  currentTestStack,
  eventually,
  testAuthEnvironment,
  testDatabaseUrl,
  TopicRecorder,
} from '@reintegra/testing';
import {
  openReferralsQuery,
  pathStateQuery,
  referralProgressQuery,
  referralWorkflowId,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import { orchestratorConfigSpec } from '../config';
import { orchestratorDataSource } from '../database/orchestrator-data-source';
import { OrchestratorModule } from '../orchestrator.module';

/**
 * The Kafka→Temporal bridge in-process against the real stack: referral events drive the path's
 * child workflows, path events leave through the outbox, and bad input lands in the dead-letter
 * topic with its reason while the workflows carry on.
 */
// Under load the first workflow tasks of a freshly bundled worker can take a while.
jest.setTimeout(240_000);
const stack = currentTestStack();
const GROUP = `orchestrator-int-${randomUUID().slice(0, 8)}`;
const TASK_QUEUE = `orchestrator-int-${randomUUID().slice(0, 8)}`;
const kafka = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'orchestrator-int', logLevel: 1 });
let app: INestApplication;
let producer: Producer;
let temporal: Client;
let recorder: TopicRecorder;

beforeAll(async () => {
  await runMigrations(
    serviceDataSourceOptions(orchestratorDataSource(testDatabaseUrl('orchestrator', 'migrator'))),
  );
  // A fresh group that starts at the end of its topics: earlier runs' events are not this test's.
  const admin = kafka.admin();
  await admin.connect();
  for (const topic of [TOPICS.intakeReturnees, TOPICS.intakeReferrals, TOPICS.referralStatus]) {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId: GROUP,
      topic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
  }
  await admin.disconnect();
  recorder = new TopicRecorder(stack.kafkaBrokers, [
    TOPICS.pathEvents,
    deadLetterTopicOf(TOPICS.referralStatus),
  ]);
  await recorder.start();
  const config = loadConfig(orchestratorConfigSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('orchestrator', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    KAFKA_CONSUMER_GROUP: GROUP,
    CONSUMER_MAX_ATTEMPTS: '2',
    OUTBOX_POLL_INTERVAL_MS: '50',
    ...testAuthEnvironment(),
  });
  app = await NestFactory.create(OrchestratorModule.register(config), { logger: false });
  app.connectMicroservice(
    kafkaConsumerTransport({
      clientId: 'orchestrator-int',
      brokers: config.KAFKA_BROKERS,
      groupId: GROUP,
    }),
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  producer = kafka.producer();
  await producer.connect();
  temporal = new Client({
    connection: await Connection.connect({ address: stack.temporalAddress }),
    namespace: stack.temporalNamespace,
  });
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([recorder?.stop(), producer?.disconnect()]);
  await app?.close();
  await temporal?.connection.close();
});

async function send<T>(definition: EventDefinition, caseId: string, data: T, id?: string) {
  const event = createEvent(definition, {
    subject: caseId,
    source: '/reintegra/intake',
    actor: 'system:test',
    correlationId: caseId,
    data,
  }) as EventEnvelope<T>;
  const envelope = id ? { ...event, id } : event;
  await producer.send({
    topic: definition.topic,
    messages: [
      {
        key: caseId,
        value: JSON.stringify(envelope),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
  return envelope;
}

describe('referral events through the bridge', () => {
  it('opens a path, runs a bundle referral and publishes the withdrawal; bad input is dead-lettered', async () => {
    const caseId = randomUUID();
    await send(returneeRegisteredV1, caseId, {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      returnDate: '2026-11-20',
      countryReturnedFrom: 'US',
      minor: false,
      registeredAt: new Date().toISOString(),
    });
    const path = temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    await eventually(async () => expect((await path.query(pathStateQuery)).phase).toBe('intake'), {
      timeoutMs: 120_000,
    });

    const referralId = randomUUID();
    const request = {
      referralId,
      caseId,
      service: 'employment' as const,
      priority: 'urgent' as const,
      providerIds: ['emp-a', 'emp-b'],
      acknowledgeBy: new Date(Date.now() + 72 * 3600_000).toISOString(),
      requestedAt: new Date().toISOString(),
      consentId: randomUUID(),
    };
    const requested = await send(referralRequestedV1, caseId, request);
    // Redelivered with the same id: the inbox drops it.
    await send(referralRequestedV1, caseId, request, requested.id);
    const referral = temporal.workflow.getHandle(referralWorkflowId(referralId));
    await eventually(
      async () => expect((await referral.query(referralProgressQuery)).status).toBe('sent'),
      { timeoutMs: 30_000 },
    );

    const status = (providerId: string, value: 'accepted' | 'completed') => ({
      referralId,
      caseId,
      service: 'employment' as const,
      providerId,
      status: value,
      occurredAt: new Date().toISOString(),
    });
    await send(referralStatusChangedV1, caseId, status('emp-b', 'accepted'));
    await eventually(
      async () =>
        expect(await path.query(openReferralsQuery)).toEqual([
          expect.objectContaining({ referralId, status: 'accepted', providerIds: ['emp-b'] }),
        ]),
      { timeoutMs: 30_000 },
    );
    // The bundle's other provider is withdrawn, through the outbox, onto reintegra.path.events.
    const withdrawn = await eventually(
      () => {
        const found = recorder.messages
          .filter((m) => m.topic === TOPICS.pathEvents && m.key === caseId)
          .map((m) => parseEvent(m.value))
          .find(
            (p) =>
              p.ok &&
              p.event.type === 'sv.reintegra.path.referral-routed.v1' &&
              (p.event.data as { action: string }).action === 'withdrawn',
          );
        if (!found?.ok) throw new Error('no withdrawal yet');
        return found.event;
      },
      { timeoutMs: 30_000 },
    );
    expect(withdrawn.data).toMatchObject({ referralId, providerId: 'emp-a' });

    // Bad input: a status from a provider that lost the bundle, and one for an unknown referral.
    await send(referralStatusChangedV1, caseId, status('emp-z', 'completed'));
    await send(referralStatusChangedV1, caseId, {
      ...status('emp-b', 'completed'),
      referralId: randomUUID(),
    });
    const dlq = await eventually(
      () => {
        const dead = recorder.messages.filter(
          (m) => m.topic === deadLetterTopicOf(TOPICS.referralStatus) && m.key === caseId,
        );
        expect(dead).toHaveLength(2);
        return dead;
      },
      { timeoutMs: 60_000 },
    );
    expect(dlq.map((m) => m.headers['dlq-reason']).sort()).toEqual([
      'processing-failed',
      'rejected:workflow.update-rejected',
    ]);
    const details = dlq.map((m) => m.headers['dlq-detail']).join(' ');
    expect(details).toMatch(/another provider already accepted/);
    expect(details).toMatch(/No running workflow referral\//);

    // The workflows carried on: the real provider completes the referral.
    await send(referralStatusChangedV1, caseId, status('emp-b', 'completed'));
    await eventually(async () => expect(await path.query(openReferralsQuery)).toEqual([]), {
      timeoutMs: 30_000,
    });
    expect((await path.describe()).status.name).toBe('RUNNING');
    await path.terminate('test done');
  });
});
