import type { INestApplication, Type } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  assessmentCompletedV1,
  createEvent,
  type EventDefinition,
  type EventEnvelope,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  adultRegistration,
  currentTestStack,
  migrateServiceTestDatabase,
  sendEvents,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
  TopicRecorder,
} from '@reintegra/testing';
import { OrchestratorModule } from '../orchestrator.module';
import { orchestratorService } from '../service';

/** The municipality of the beds' cases unless a test says otherwise. */
export const TEST_MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';

const CONSUMED_TOPICS = [
  TOPICS.intakeReturnees,
  TOPICS.intakeReferrals,
  TOPICS.referralStatus,
  TOPICS.intakeConsents,
];

/**
 * The orchestrator in-process against the real stack (bridge + worker), on a consumer group and a
 * task queue of its own that start at the end of the topics: earlier runs' events are not this
 * test's. `restart()` replaces the instance with a new one on the same group and queue, as a
 * redeployed orchestrator would.
 */
export class OrchestratorTestBed {
  readonly group = `orchestrator-int-${randomUUID().slice(0, 8)}`;
  readonly taskQueue = `orchestrator-int-${randomUUID().slice(0, 8)}`;
  private readonly stack = currentTestStack();
  private app: INestApplication | undefined;
  private producer: Producer | undefined;
  temporal!: Client;
  recorder!: TopicRecorder;

  constructor(private readonly recordedTopics: readonly string[]) {}

  async start(): Promise<void> {
    await migrateServiceTestDatabase(orchestratorService);
    await startGroupAtEnd(this.stack.kafkaBrokers, this.group, CONSUMED_TOPICS);
    this.recorder = new TopicRecorder(this.stack.kafkaBrokers, [...this.recordedTopics]);
    await this.recorder.start();
    this.producer = await startTestProducer('orchestrator-int');
    this.temporal = new Client({
      connection: await Connection.connect({ address: this.stack.temporalAddress }),
      namespace: this.stack.temporalNamespace,
    });
    await this.startApp();
  }

  /** Stops the orchestrator (bridge and worker); events sent meanwhile wait on Kafka. */
  async stopApp(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async startApp(): Promise<void> {
    const config = serviceTestConfig(orchestratorService, {
      TEMPORAL_ADDRESS: this.stack.temporalAddress,
      TEMPORAL_NAMESPACE: this.stack.temporalNamespace,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      KAFKA_CONSUMER_GROUP: this.group,
      CONSUMER_MAX_ATTEMPTS: '2',
      OUTBOX_POLL_INTERVAL_MS: '50',
    });
    // Without configureServiceApp, as this bed always ran it (the bridge and worker are tested).
    ({ app: this.app } = await startServiceApp({
      module: OrchestratorModule.register(config),
      consumer: {
        clientId: 'orchestrator-int',
        brokers: config.KAFKA_BROKERS,
        groupId: this.group,
      },
    }));
  }

  /** A provider of the running orchestrator (to run a sweep now rather than wait for it). */
  get<T>(type: Type<T>): T {
    if (!this.app) throw new Error('the orchestrator is not running');
    return this.app.get(type);
  }

  /** Publishes an event as its producing service would (key = case id); `id` to redeliver one. */
  async send<T>(
    definition: EventDefinition,
    caseId: string,
    data: T,
    id?: string,
  ): Promise<EventEnvelope<T>> {
    const event = createEvent(definition, {
      subject: caseId,
      source: '/reintegra/intake',
      actor: 'system:test',
      correlationId: caseId,
      data,
    }) as EventEnvelope<T>;
    const envelope = id ? { ...event, id } : event;
    if (this.producer)
      await sendEvents(this.producer, definition.topic, caseId, [envelope], {
        contentTypeHeader: true,
      });
    return envelope;
  }

  /** Intake's registration of an adult opening the case's first episode: its path starts. */
  register(caseId: string, municipalityCode = TEST_MUNICIPALITY) {
    return this.send(returneeRegisteredV1, caseId, adultRegistration(caseId, municipalityCode));
  }

  /** A completed needs assessment of high risk (questionnaire 2026-11) for the case. */
  assessed(caseId: string) {
    return this.send(assessmentCompletedV1, caseId, {
      caseId,
      assessmentId: randomUUID(),
      questionnaireVersion: '2026-11',
      scoringVersion: 'equal-weights-1',
      scores: {
        economic: 0.3,
        social: 0.6,
        psychosocial: 0.5,
        composite: 0.47,
        incompleteDimensions: [],
      },
      riskLevel: 'high',
      completedAt: new Date().toISOString(),
    });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.recorder?.stop(), this.producer?.disconnect()]);
    await this.stopApp();
    await this.temporal?.connection.close();
  }
}
