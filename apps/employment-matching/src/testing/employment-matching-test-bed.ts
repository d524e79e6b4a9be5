import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  createEvent,
  type EventDefinition,
  type EventEnvelope,
  parseEvent,
  referralRequestedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { kafkaConsumerTransport } from '@reintegra/platform-messaging';
import { configureServiceApp } from '@reintegra/platform-service';
import {
  currentTestStack,
  startGroupAtEnd,
  testAuthEnvironment,
  testDatabaseUrl,
  TopicRecorder,
} from '@reintegra/testing';
import type { z } from 'zod';
import { employmentMatchingConfigSpec } from '../config';
import { employmentMatchingDataSource } from '../database/employment-matching-data-source';
import { EmploymentMatchingModule } from '../employment-matching.module';
import { employmentMatchingService } from '../service';

export const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';
export const ZACATECOLUCA = 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA';
export const SAN_SALVADOR_CENTRO = 'SV-SS-SAN-SALVADOR-CENTRO';

export type Json = Record<string, unknown>;

/** A date `days` from today (negative: in the past), as YYYY-MM-DD. */
export const isoDaysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

/**
 * The employment service in-process against the real PostgreSQL and Kafka (test database), on a
 * free port, with a Kafka producer standing in for intake and the orchestrator and a recorder of
 * what the service publishes.
 */
export class EmploymentTestBed {
  app!: INestApplication;
  url!: string;
  db!: DataSource;
  recorder!: TopicRecorder;
  private producer!: Producer;

  async start(): Promise<void> {
    const stack = currentTestStack();
    await runMigrations(
      serviceDataSourceOptions(
        employmentMatchingDataSource(testDatabaseUrl('employment_matching', 'migrator')),
      ),
    );
    const config = loadConfig(employmentMatchingConfigSpec, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDatabaseUrl('employment_matching', 'app'),
      DATABASE_POOL_SIZE: '20',
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_CONSUMER_GROUP: 'employment-matching-test',
      OUTBOX_POLL_INTERVAL_MS: '50',
      ...testAuthEnvironment(),
    });
    this.recorder = new TopicRecorder(stack.kafkaBrokers, [
      TOPICS.referralStatus,
      TOPICS.employmentEvents,
      TOPICS.serviceCapacity,
    ]);
    await this.recorder.start();
    this.producer = new Kafka({
      brokers: stack.kafkaBrokers,
      clientId: 'employment-test',
      logLevel: 1,
    }).producer();
    await this.producer.connect();
    // The service reads only what the tests publish, not every earlier run's events.
    await startGroupAtEnd(stack.kafkaBrokers, config.KAFKA_CONSUMER_GROUP, [
      TOPICS.intakeReferrals,
      TOPICS.intakeConsents,
      TOPICS.intakeReturnees,
      TOPICS.pathEvents,
    ]);
    this.app = await NestFactory.create(EmploymentMatchingModule.register(config), {
      logger: false,
    });
    configureServiceApp(this.app, employmentMatchingService); // body limits and /docs, as in production
    this.app.connectMicroservice(
      kafkaConsumerTransport({
        clientId: config.KAFKA_CLIENT_ID,
        brokers: config.KAFKA_BROKERS,
        groupId: config.KAFKA_CONSUMER_GROUP,
      }),
      { inheritAppConfig: true },
    );
    await this.app.startAllMicroservices();
    await this.app.listen(0, '127.0.0.1');
    this.url = await this.app.getUrl();
    this.db = this.app.get(DataSource);
    // Ranking looks at the whole market: vacancies left open by earlier runs would compete.
    await this.db.query(`UPDATE vacancies SET open = false WHERE open`);
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.recorder?.stop();
    await this.app?.close();
  }

  async call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: token } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as Json,
    };
  }

  /** `call` as one user, e.g. `const caseworker = bed.as(() => tokens.caseworker)`. */
  as(token: () => string | undefined) {
    return (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      this.call(method, path, token(), body, headers);
  }

  async send<S extends z.ZodType>(
    definition: EventDefinition<S>,
    caseId: string,
    data: z.input<S>,
  ) {
    const event = createEvent(definition, {
      subject: caseId,
      source: '/reintegra/intake',
      actor: 'user:intake-officer-test',
      correlationId: randomUUID(),
      data,
    });
    await this.producer.send({
      topic: definition.topic,
      messages: [{ key: caseId, value: JSON.stringify(event) }],
    });
    return event;
  }

  /** Intake's side of a new employment referral: registration, consents, the referral itself. */
  async referReturnee(options: {
    providerIds: string[];
    municipalityCode?: string;
    districtCode?: string;
    minor?: boolean;
    sharesWithEmployers?: boolean;
  }): Promise<{ caseId: string; referralId: string; consentIds: Record<string, string> }> {
    const caseId = randomUUID();
    const referralId = randomUUID();
    const now = new Date().toISOString();
    const municipalityCode = options.municipalityCode ?? LA_PAZ_ESTE;
    await this.send(returneeRegisteredV1, caseId, {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode,
      ...(options.districtCode === undefined && municipalityCode === LA_PAZ_ESTE
        ? { districtCode: ZACATECOLUCA }
        : options.districtCode
          ? { districtCode: options.districtCode }
          : {}),
      returnDate: now.slice(0, 10),
      countryReturnedFrom: 'US',
      minor: options.minor ?? false,
      registeredAt: now,
    });
    const consentIds: Record<string, string> = { referral: randomUUID() };
    await this.send(consentGrantedV1, caseId, {
      consentId: consentIds['referral'] as string,
      caseId,
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'v1',
      grantedAt: now,
    });
    if (options.sharesWithEmployers) {
      consentIds['employer'] = randomUUID();
      await this.send(consentGrantedV1, caseId, {
        consentId: consentIds['employer'],
        caseId,
        purpose: 'partner-sharing',
        scope: 'employer',
        formVersion: 'v1',
        grantedAt: now,
      });
    }
    await this.send(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'normal',
      providerIds: options.providerIds,
      acknowledgeBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      requestedAt: now,
      consentId: consentIds['referral'] as string,
    });
    return { caseId, referralId, consentIds };
  }

  withdrawConsent(
    caseId: string,
    consentId: string,
    purpose: 'service-referral' | 'partner-sharing',
  ) {
    return this.send(consentWithdrawnV1, caseId, {
      consentId,
      caseId,
      purpose,
      scope: purpose === 'service-referral' ? 'employment' : 'employer',
      formVersion: 'v1',
      withdrawnAt: new Date().toISOString(),
    });
  }

  /** Events of one type recorded so far whose data passes `predicate`. */
  recorded<T>(type: string, predicate: (data: T) => boolean = () => true): EventEnvelope<T>[] {
    return this.recorder.messages
      .map((message) => parseEvent(message.value))
      .filter((parsed) => parsed.ok && parsed.event.type === type)
      .map((parsed) => (parsed as { event: EventEnvelope<T> }).event)
      .filter((event) => predicate(event.data));
  }
}
