import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  type EventDefinition,
  type EventEnvelope,
  referralRequestedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  currentTestStack,
  migrateServiceTestDatabase,
  publishEvent,
  requestJson,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
  TopicRecorder,
} from '@reintegra/testing';
import type { z } from 'zod';
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
    await migrateServiceTestDatabase(employmentMatchingService);
    const config = serviceTestConfig(employmentMatchingService, {
      DATABASE_POOL_SIZE: '20',
      KAFKA_CONSUMER_GROUP: 'employment-matching-test',
      OUTBOX_POLL_INTERVAL_MS: '50',
    });
    this.recorder = new TopicRecorder(stack.kafkaBrokers, [
      TOPICS.referralStatus,
      TOPICS.employmentEvents,
      TOPICS.serviceCapacity,
    ]);
    await this.recorder.start();
    this.producer = await startTestProducer('employment-test');
    // The service reads only what the tests publish, not every earlier run's events.
    await startGroupAtEnd(stack.kafkaBrokers, config.KAFKA_CONSUMER_GROUP, [
      TOPICS.intakeReferrals,
      TOPICS.intakeConsents,
      TOPICS.intakeReturnees,
      TOPICS.pathEvents,
    ]);
    ({ app: this.app, url: this.url } = await startServiceApp({
      module: EmploymentMatchingModule.register(config),
      service: employmentMatchingService, // body limits and /docs, as in production
      consumer: {
        clientId: config.KAFKA_CLIENT_ID,
        brokers: config.KAFKA_BROKERS,
        groupId: config.KAFKA_CONSUMER_GROUP,
      },
    }));
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
    const reply = await requestJson(this.url, method, path, {
      authorization: token,
      body,
      headers,
    });
    return { status: reply.status, headers: reply.headers, body: reply.body as Json };
  }

  /** `call` as one user, e.g. `const caseworker = bed.as(() => tokens.caseworker)`. */
  as(token: () => string | undefined) {
    return (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      this.call(method, path, token(), body, headers);
  }

  send<S extends z.ZodType>(definition: EventDefinition<S>, caseId: string, data: z.input<S>) {
    return publishEvent(this.producer, definition, caseId, data, {
      source: '/reintegra/intake',
      actor: 'user:intake-officer-test',
    });
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
    return this.recorder.events(type, predicate);
  }
}
