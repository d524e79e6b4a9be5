import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  consentGrantedV1,
  type EventDefinition,
  type EventEnvelope,
  referralRequestedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import {
  currentTestStack,
  eventually,
  migrateServiceTestDatabase,
  publishEvent,
  requestJson,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
  testToken,
  TopicRecorder,
} from '@reintegra/testing';
import type { z } from 'zod';
import { CommunityInclusionModule } from '../community-inclusion.module';
import { communityInclusionService } from '../service';

export const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';
export const ZACATECOLUCA = 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA';
export const SAN_SALVADOR_CENTRO = 'SV-SS-SAN-SALVADOR-CENTRO';

export type Json = Record<string, unknown>;
export interface Reply {
  status: number;
  body: Json & Json[];
}

/** A date `days` from today (negative: in the past), as YYYY-MM-DD. */
export const isoDaysFromNow = (days: number) =>
  new Date(Date.now() - 6 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The community service in-process against the real PostgreSQL and Kafka (test database), with a
 * producer standing in for intake and a recorder of what the service publishes.
 */
export class CommunityTestBed {
  app!: INestApplication;
  url!: string;
  db!: DataSource;
  recorder!: TopicRecorder;
  readonly run = randomUUID().slice(0, 8);
  readonly providerId = `cultura-la-paz-este-${this.run}`;
  private producer!: Producer;
  readonly tokens: Record<string, string> = {};

  async start(): Promise<void> {
    const stack = currentTestStack();
    await migrateServiceTestDatabase(communityInclusionService);
    const config = serviceTestConfig(communityInclusionService, {
      DATABASE_POOL_SIZE: '20',
      KAFKA_CONSUMER_GROUP: 'community-inclusion-test',
      OUTBOX_POLL_INTERVAL_MS: '50',
    });
    this.recorder = new TopicRecorder(stack.kafkaBrokers, [
      TOPICS.referralStatus,
      TOPICS.communityEvents,
    ]);
    await this.recorder.start();
    this.producer = await startTestProducer('community-test');
    await startGroupAtEnd(stack.kafkaBrokers, config.KAFKA_CONSUMER_GROUP, [
      TOPICS.intakeReferrals,
      TOPICS.intakeConsents,
      TOPICS.pathEvents,
    ]);
    ({ app: this.app, url: this.url } = await startServiceApp({
      module: CommunityInclusionModule.register(config),
      service: communityInclusionService,
      consumer: {
        clientId: config.KAFKA_CLIENT_ID,
        brokers: config.KAFKA_BROKERS,
        groupId: config.KAFKA_CONSUMER_GROUP,
      },
    }));
    this.db = this.app.get(DataSource);
    const users: Record<
      string,
      { roles: Role[]; municipalityCode?: string; organisationId?: string; subject?: string }
    > = {
      facilitator: {
        roles: ['community-facilitator'],
        municipalityCode: LA_PAZ_ESTE,
        organisationId: this.providerId,
        subject: `facilitator-${this.run}`,
      },
      coFacilitator: {
        roles: ['community-facilitator'],
        municipalityCode: LA_PAZ_ESTE,
        organisationId: this.providerId,
        subject: `co-facilitator-${this.run}`,
      },
      otherFacilitator: {
        roles: ['community-facilitator'],
        municipalityCode: SAN_SALVADOR_CENTRO,
        organisationId: `otra-${this.run}`,
      },
      supervisor: { roles: ['supervisor'], municipalityCode: LA_PAZ_ESTE },
      national: { roles: ['national-supervisor'] },
      admin: { roles: ['admin'] },
      intake: { roles: ['intake-officer'], municipalityCode: LA_PAZ_ESTE },
      counsellor: { roles: ['victim-support-counsellor'], municipalityCode: LA_PAZ_ESTE },
      education: { roles: ['education-caseworker'], municipalityCode: LA_PAZ_ESTE },
      partner: { roles: ['partner'], organisationId: 'oim' },
    };
    for (const [name, user] of Object.entries(users)) this.tokens[name] = await testToken(user);
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
  ): Promise<Reply> {
    const reply = await requestJson(this.url, method, path, { authorization: token, body });
    return { status: reply.status, body: reply.body as Reply['body'] };
  }

  /** `call` as one of the test users, e.g. `bed.as('facilitator')('GET', '/activities')`. */
  as(user: string) {
    return (method: string, path: string, body?: unknown) =>
      this.call(method, path, this.tokens[user], body);
  }

  send<S extends z.ZodType>(definition: EventDefinition<S>, key: string, data: z.input<S>) {
    return publishEvent(this.producer, definition, key, data, {
      source: '/reintegra/intake',
      actor: 'user:intake-officer-test',
    });
  }

  /** Intake's side: the consent to a community referral, then the referral (reason code optional). */
  async referToCommunity(options: { reasonCode?: string; caseId?: string } = {}) {
    const caseId = options.caseId ?? randomUUID();
    const referralId = randomUUID();
    const consentId = randomUUID();
    const now = new Date().toISOString();
    await this.send(consentGrantedV1, caseId, {
      consentId,
      caseId,
      purpose: 'service-referral',
      scope: 'community',
      formVersion: 'consent-2026-01',
      grantedAt: now,
    });
    await this.send(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'community',
      priority: 'normal',
      providerIds: [this.providerId],
      ...(options.reasonCode ? { reasonCode: options.reasonCode } : {}),
      acknowledgeBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      requestedAt: now,
      consentId,
    });
    await eventually(async () => {
      const rows = (await this.db.query(`SELECT 1 FROM referrals WHERE id = $1`, [
        referralId,
      ])) as unknown[];
      expect(rows).toHaveLength(1);
    });
    return { caseId, referralId, consentId };
  }

  async newActivity(overrides: Json = {}, user = 'facilitator'): Promise<string> {
    const response = await this.as(user)('POST', '/activities', {
      providerId: this.providerId,
      kind: 'recreation',
      title: 'Fútbol mixto en el parque',
      municipalityCode: LA_PAZ_ESTE,
      districtCode: ZACATECOLUCA,
      publicSpace: 'Parque central de Zacatecoluca',
      schedule: 'sábados 9:00-11:00',
      startsOn: isoDaysFromNow(-70),
      capacity: 60,
      targetGroups: ['returnees', 'residents', 'youth'],
      languages: ['es', 'en'],
      facilitators: [`facilitator-${this.run}`],
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body['id'] as string;
  }

  async newResident(overrides: Json = {}): Promise<string> {
    const response = await this.as('facilitator')('POST', '/participants', {
      origin: 'resident',
      displayName: `Vecina ${randomUUID().slice(0, 4)}`,
      ageBand: '25-34',
      sex: 'female',
      neighbourhood: 'Barrio El Centro',
      municipalityCode: LA_PAZ_ESTE,
      consent: { formVersion: 'comunidad-2026-12', purposes: ['participation', 'survey'] },
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body['id'] as string;
  }

  async join(activityId: string, body: Json): Promise<Json> {
    const response = await this.as('facilitator')(
      'POST',
      `/activities/${activityId}/participants`,
      {
        joinedOn: isoDaysFromNow(-60),
        ...body,
      },
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  async session(activityId: string, heldOn: string, sensitive = false): Promise<string> {
    const response = await this.as('facilitator')('POST', `/activities/${activityId}/sessions`, {
      heldOn,
      sensitive,
    });
    expect(response.status).toBe(201);
    return response.body['id'] as string;
  }

  recorded<T>(type: string, predicate: (data: T) => boolean = () => true): EventEnvelope<T>[] {
    return this.recorder.events(type, predicate);
  }

  /** Every row of every table this service writes, as text (for what must never be there). */
  async everyTableAsText(): Promise<string> {
    const tables = (await this.db.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    )) as { name: string }[];
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows = (await this.db.query(`SELECT t::text AS row FROM "${name}" t`)) as {
        row: string;
      }[];
      parts.push(`${name}: ${rows.map((r) => r.row).join('\n')}`);
    }
    return parts.join('\n');
  }
}
