import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  caseClosedV1,
  consentGrantedV1,
  consentWithdrawnV1,
  createEvent,
  type EventDefinition,
  type EventEnvelope,
  pathPhaseChangedV1,
  referralRequestedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
  scoreComputedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import {
  adultRegistration,
  eventually,
  migrateServiceTestDatabase,
  requestJson,
  sendEvents,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
  testToken,
} from '@reintegra/testing';
import { GatewayKeys } from '../crypto/gateway-keys';
import { INTERNAL_TOPICS } from '../ingestion/internal-events.consumer';
import { CONSUMED_TYPES } from '../ingestion/internal-events.service';
import { PartnerGatewayModule } from '../partner-gateway.module';
import { partnerGatewayService } from '../service';

export const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
export const OTHER_MUNICIPALITY = 'SV-SS-SAN-SALVADOR-CENTRO';

export type Json = Record<string, unknown>;

/**
 * The partner gateway in-process against the real PostgreSQL and Kafka, with a consumer group of
 * its own that starts at the end of the internal topics (earlier runs' events are not re-read),
 * and a producer that publishes internal events the way intake, the services and the
 * orchestrator do.
 */
export class PartnerTestBed {
  readonly run = randomUUID().slice(0, 8);
  readonly gatewayKey = randomBytes(32).toString('base64');
  app!: INestApplication;
  url = '';
  db!: DataSource;
  adminToken = '';
  /** Every internal event this bed published, in order. */
  readonly published: EventEnvelope[] = [];
  private producer: Producer | undefined;

  constructor(private readonly overrides: Record<string, string> = {}) {}

  async start(): Promise<void> {
    await migrateServiceTestDatabase(partnerGatewayService);
    const group = `partner-gateway-test-${this.run}`;
    const config = serviceTestConfig(partnerGatewayService, {
      KAFKA_CONSUMER_GROUP: group,
      PARTNER_GATEWAY_KEY: this.gatewayKey,
      PARTNER_TOPIC_PARTITIONS: '2',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_TIMEOUT_MS: '2000',
      DELIVERY_POLL_INTERVAL_MS: '50',
      ...this.overrides,
    });
    await startGroupAtEnd(config.KAFKA_BROKERS, group, INTERNAL_TOPICS);
    this.producer = await startTestProducer(group);
    // Without configureServiceApp, as this bed always ran it.
    ({ app: this.app, url: this.url } = await startServiceApp({
      module: PartnerGatewayModule.register(config),
      consumer: { clientId: group, brokers: config.KAFKA_BROKERS, groupId: group },
    }));
    this.db = this.app.get(DataSource);
    // Earlier runs' agencies share this test database: retire them, so this run's events are
    // neither held for them nor sent to their long-gone receivers.
    await this.db.query(`UPDATE agencies SET active = false WHERE active AND id NOT LIKE $1`, [
      `%-${this.run}`,
    ]);
    await this.db.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = 'test-run-ended' WHERE status = 'pending'`,
    );
    this.adminToken = await testToken({ roles: ['admin'], subject: 'test-admin' });
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.app?.close();
  }

  /** An HTTP call; `auth` is a bearer header value or `{ apiKey }`. */
  async call(
    method: string,
    path: string,
    auth?: string | { apiKey: string },
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Json; contentType: string; language: string; text: string }> {
    const reply = await requestJson(this.url, method, path, {
      authorization: typeof auth === 'string' ? auth : undefined,
      body,
      headers: { ...(typeof auth === 'object' ? { 'x-api-key': auth.apiKey } : {}), ...headers },
      lenient: true,
    });
    return {
      status: reply.status,
      body: (reply.body ?? {}) as Json,
      contentType: reply.headers.get('content-type') ?? '',
      language: reply.headers.get('content-language') ?? '',
      text: reply.text,
    };
  }

  admin(method: string, path: string, body?: unknown) {
    return this.call(method, path, this.adminToken, body);
  }

  /** A new agency (id unique to this run) with an API key. */
  async agency(name: string, category: string): Promise<{ id: string; apiKey: string }> {
    const id = `${name}-${this.run}`;
    const created = await this.admin('POST', '/admin/agencies', {
      id,
      name: `Agencia ${name}`,
      category,
    });
    if (created.status !== 201) throw new Error(`agency: ${created.status} ${created.text}`);
    const key = await this.admin('POST', `/admin/agencies/${id}/api-keys`, { label: 'test' });
    if (key.status !== 201) throw new Error(`api key: ${key.status} ${key.text}`);
    return { id, apiKey: key.body['apiKey'] as string };
  }

  /** The pseudonym an agency sees for a case (what the test expects it to receive). */
  async pseudonymOf(agencyId: string, caseId: string): Promise<string> {
    const [row] = (await this.db.query(`SELECT pseudonym_salt FROM agencies WHERE id = $1`, [
      agencyId,
    ])) as Array<{ pseudonym_salt: Buffer }>;
    if (!row) throw new Error(`no agency ${agencyId}`);
    return new GatewayKeys(this.gatewayKey)
      .pseudonymiser(agencyId, row.pseudonym_salt)
      .caseSubject(caseId);
  }

  /** Publishes an internal event (key = its subject) as its producing service would. */
  async publish<T>(definition: EventDefinition, data: T, subject: string): Promise<EventEnvelope> {
    const event = createEvent(definition, {
      subject,
      source: '/reintegra/intake',
      actor: 'user:test-officer',
      correlationId: randomUUID(),
      data,
    });
    if (this.producer)
      await sendEvents(this.producer, definition.topic, subject, [event], { acks: -1 });
    this.published.push(event);
    return event;
  }

  registered(caseId: string, municipalityCode = MUNICIPALITY) {
    return this.publish(returneeRegisteredV1, adultRegistration(caseId, municipalityCode), caseId);
  }

  async consent(
    caseId: string,
    purpose: 'partner-sharing' | 'statistics',
    scope?: string,
  ): Promise<string> {
    const consentId = randomUUID();
    await this.publish(
      consentGrantedV1,
      {
        consentId,
        caseId,
        purpose,
        scope,
        formVersion: '2026-01',
        grantedAt: new Date().toISOString(),
      },
      caseId,
    );
    return consentId;
  }

  withdraw(
    caseId: string,
    consentId: string,
    purpose: 'partner-sharing' | 'statistics',
    scope?: string,
  ) {
    return this.publish(
      consentWithdrawnV1,
      {
        consentId,
        caseId,
        purpose,
        scope,
        formVersion: '2026-01',
        withdrawnAt: new Date().toISOString(),
      },
      caseId,
    );
  }

  async referral(caseId: string, service: string): Promise<string> {
    const referralId = randomUUID();
    await this.publish(
      referralRequestedV1,
      {
        referralId,
        caseId,
        service,
        priority: 'normal',
        providerIds: ['proveedor-1'],
        acknowledgeBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        requestedAt: new Date().toISOString(),
        consentId: randomUUID(),
      },
      caseId,
    );
    return referralId;
  }

  referralStatus(caseId: string, referralId: string, service: string, status: string) {
    return this.publish(
      referralStatusChangedV1,
      {
        referralId,
        caseId,
        service,
        providerId: 'proveedor-1',
        status,
        ...(['declined', 'not-completed'].includes(status) ? { reasonCode: 'not-eligible' } : {}),
        occurredAt: new Date().toISOString(),
      },
      caseId,
    );
  }

  phase(caseId: string, from: string, to: string) {
    return this.publish(
      pathPhaseChangedV1,
      { caseId, from, to, occurredAt: new Date().toISOString() },
      caseId,
    );
  }

  score(caseId: string) {
    return this.publish(
      scoreComputedV1,
      {
        caseId,
        scoreId: randomUUID(),
        assessmentId: randomUUID(),
        purpose: 'baseline',
        questionnaireVersion: '2026-05',
        scoringVersion: 'equal-weights-1',
        scores: {
          economic: 0.5,
          social: 0.6,
          psychosocial: 0.7,
          composite: 0.6,
          incompleteDimensions: [],
        },
        computedAt: new Date().toISOString(),
      },
      caseId,
    );
  }

  closed(caseId: string) {
    return this.publish(
      caseClosedV1,
      {
        caseId,
        reason: 'reintegrated',
        approvedBy: 'user:test-supervisor',
        closedAt: new Date().toISOString(),
      },
      caseId,
    );
  }

  victimSupportStatus(reference: string) {
    return this.publish(victimSupportStatusChangedV1, { reference, status: 'engaged' }, reference);
  }

  /**
   * Waits until the gateway has applied (inbox) every internal event published so far that it
   * has a use for (others, such as victim support's, it skips without a trace).
   */
  async allConsumed(timeoutMs = 30_000): Promise<void> {
    const ids = this.published
      .filter((event) => CONSUMED_TYPES.includes(event.type))
      .map((event) => event.id);
    await eventually(
      async () => {
        const [row] = (await this.db.query(
          `SELECT count(*)::int AS n FROM inbox_messages WHERE event_id = ANY ($1::uuid[])`,
          [ids],
        )) as Array<{ n: number }>;
        if (row?.n !== ids.length) throw new Error(`${row?.n ?? 0} of ${ids.length} consumed`);
      },
      { timeoutMs },
    );
  }

  /** Rows a refused request must not leave behind. */
  async footprint(): Promise<Json> {
    const [row] = (await this.db.query(
      `SELECT (SELECT count(*) FROM agencies)::int AS agencies,
              (SELECT count(*) FROM agency_credentials)::int AS credentials,
              (SELECT count(*) FROM subscriptions)::int AS subscriptions,
              (SELECT count(*) FROM deliveries)::int AS deliveries`,
    )) as Json[];
    return row ?? {};
  }

  /** Audit entries after a given audit id. */
  async auditSince(id: number): Promise<Json[]> {
    return this.db.query(
      `SELECT actor, action, outcome, code, agency_id AS "agencyId", target, detail
         FROM audit_log WHERE id > $1 ORDER BY id`,
      [id],
    );
  }

  async lastAuditId(): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT coalesce(max(id), 0)::int AS id FROM audit_log`,
    )) as Array<{
      id: number;
    }>;
    return row?.id ?? 0;
  }
}
