import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type PartnerCategory,
  partnerDataRedactionRequestedV1,
  partnerTopicOf,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { ConflictError, ForbiddenError, NotFoundError } from '@reintegra/platform-errors';
import { AuditLog } from '../audit/audit-log';
import type { PartnerGatewayConfig } from '../config';
import { GatewayKeys, newPseudonymSalt } from '../crypto/gateway-keys';
import { PartnerTopics } from '../delivery/partner-topics';
import { newWebhookSecret } from '../delivery/webhook-signature';
import { subscribableTypes } from '../policy/category-policy';
import { hashSecret, newApiKey, parseApiKey, secretMatches } from './api-keys';
import {
  AgencyUnauthenticatedError,
  agencyNotFound,
  subscriptionNotFound,
  UnprocessableError,
  WEBHOOK_URL_MESSAGES,
} from './errors';
import type {
  CreateAgencyRequest,
  CreateSubscriptionRequest,
  DeliveryLogQuery,
  IssueApiKeyRequest,
} from './registry.requests';
import { checkWebhookUrl, type Resolver } from './webhook-url-policy';

export interface Agency {
  id: string;
  name: string;
  category: PartnerCategory;
  active: boolean;
}

export interface SubscriptionView {
  id: string;
  agencyId: string;
  eventTypes: string[];
  municipalityCodes: string[];
  channel: 'kafka' | 'webhook';
  webhookUrl?: string;
  kafkaTopic?: string;
  active: boolean;
  createdAt: string;
}

interface SubscriptionRow {
  id: string;
  agency_id: string;
  event_types: string[];
  municipality_codes: string[];
  channel: 'kafka' | 'webhook';
  webhook_url: string | null;
  active: boolean;
  created_at: Date;
}

export const WEBHOOK_URL_RESOLVER = Symbol('WEBHOOK_URL_RESOLVER');

const toView = (row: SubscriptionRow): SubscriptionView => ({
  id: row.id,
  agencyId: row.agency_id,
  eventTypes: row.event_types,
  municipalityCodes: row.municipality_codes,
  channel: row.channel,
  ...(row.webhook_url ? { webhookUrl: row.webhook_url } : {}),
  ...(row.channel === 'kafka' ? { kafkaTopic: partnerTopicOf(row.agency_id) } : {}),
  active: row.active,
  createdAt: row.created_at.toISOString(),
});

/**
 * Agencies, their credentials and subscriptions. Every change is audited in its own transaction;
 * a refused request writes nothing but its audit record (see AuditedProblemsFilter).
 */
@Injectable()
export class RegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly keys: GatewayKeys,
    private readonly topics: PartnerTopics,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
    @Inject(WEBHOOK_URL_RESOLVER) private readonly resolver: Resolver,
  ) {}

  async createAgency(actor: string, request: CreateAgencyRequest) {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO agencies (id, name, category, pseudonym_salt) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [request.id, request.name, request.category, newPseudonymSalt()],
      );
      if (inserted.length === 0) {
        throw new ConflictError(
          'agency.exists',
          { es: 'Ya existe una agencia con ese id.', en: 'An agency with that id already exists.' },
          `/admin/agencies/${request.id}`,
        );
      }
      await this.audit.record(
        {
          actor,
          action: 'agency.create',
          outcome: 'allowed',
          agencyId: request.id,
          detail: { category: request.category },
        },
        manager,
      );
      return this.describe({ ...request, active: true });
    });
  }

  async listAgencies() {
    const rows: Agency[] = await this.dataSource.query(
      `SELECT id, name, category, active FROM agencies ORDER BY id`,
    );
    return rows.map((agency) => this.describe(agency));
  }

  async agency(agencyId: string): Promise<Agency> {
    const [row] = (await this.dataSource.query(
      `SELECT id, name, category, active FROM agencies WHERE id = $1`,
      [agencyId],
    )) as Agency[];
    if (!row) throw agencyNotFound();
    return row;
  }

  /** An agency as shown to its staff and the admin: with what it may subscribe to. */
  describe(agency: Agency) {
    return {
      ...agency,
      allowedEventTypes: subscribableTypes(agency.category),
      kafkaTopic: partnerTopicOf(agency.id),
    };
  }

  async issueApiKey(actor: string, agencyId: string, request: IssueApiKeyRequest) {
    await this.agency(agencyId);
    const key = newApiKey();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO agency_credentials (id, agency_id, secret_sha256, label, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [key.keyId, agencyId, key.secretHash, request.label ?? null, request.expiresAt ?? null],
      );
      await this.audit.record(
        { actor, action: 'api-key.issue', outcome: 'allowed', agencyId, target: key.keyId },
        manager,
      );
    });
    return {
      keyId: key.keyId,
      apiKey: key.apiKey,
      label: request.label,
      expiresAt: request.expiresAt,
    };
  }

  async revokeApiKey(actor: string, agencyId: string, keyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, revoked] = (await manager.query(
        `UPDATE agency_credentials SET revoked_at = coalesce(revoked_at, now())
          WHERE id = $1 AND agency_id = $2`,
        [keyId, agencyId],
      )) as [unknown, number];
      if (revoked === 0) {
        throw new NotFoundError('api-key.not-found', {
          es: 'Clave de API no encontrada para esta agencia.',
          en: 'API key not found for this agency.',
        });
      }
      await this.audit.record(
        { actor, action: 'api-key.revoke', outcome: 'allowed', agencyId, target: keyId },
        manager,
      );
    });
  }

  /** The agency an API key belongs to; 401 for a key that is unknown, wrong, revoked or expired. */
  async authenticateApiKey(raw: string): Promise<Agency & { keyId: string }> {
    const parsed = parseApiKey(raw);
    if (!parsed)
      throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'malformed-key');
    const [row] = (await this.dataSource.query(
      `SELECT c.secret_sha256, c.expires_at, c.revoked_at, a.id, a.name, a.category, a.active
         FROM agency_credentials c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1`,
      [parsed.keyId],
    )) as Array<
      Agency & { secret_sha256: Buffer; expires_at: Date | null; revoked_at: Date | null }
    >;
    // Compare a hash even for an unknown key id, so timing does not tell which ids exist.
    const matches = secretMatches(parsed.secret, row?.secret_sha256 ?? hashSecret(''));
    if (!row || !matches)
      throw new AgencyUnauthenticatedError(
        'agency.credentials-invalid',
        row ? 'wrong-secret' : 'unknown-key',
      );
    if (row.revoked_at)
      throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'revoked-key');
    if (!row.active)
      throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'agency-inactive');
    if (row.expires_at && row.expires_at.getTime() <= Date.now())
      throw new AgencyUnauthenticatedError('agency.credentials-expired', 'expired-key');
    return {
      id: row.id,
      name: row.name,
      category: row.category,
      active: row.active,
      keyId: parsed.keyId,
    };
  }

  async createSubscription(actor: string, agencyId: string, request: CreateSubscriptionRequest) {
    const agency = await this.agency(agencyId);
    const allowed = subscribableTypes(agency.category);
    const refused = request.eventTypes.filter((type) => !allowed.includes(type));
    if (refused.length > 0) {
      throw new ForbiddenError('subscription.event-type-not-allowed', {
        es: `Una agencia de la categoría ${agency.category} no puede recibir: ${refused.join(', ')}.`,
        en: `An agency of category ${agency.category} may not receive: ${refused.join(', ')}.`,
      });
    }
    let sealedSecret: Buffer | null = null;
    let webhookSecret: string | undefined;
    if (request.channel === 'webhook') {
      const refusal = await checkWebhookUrl(
        request.webhookUrl ?? '',
        this.config.NODE_ENV,
        this.resolver,
      );
      if (refusal) {
        throw new UnprocessableError(refusal, WEBHOOK_URL_MESSAGES[refusal]);
      }
      webhookSecret = newWebhookSecret();
      sealedSecret = this.keys.encryptSecret(webhookSecret);
    } else {
      await this.assertNoKafkaStream(agencyId);
      // Created before the row: a topic without a subscription is harmless, the reverse is not.
      await this.topics.ensure(agencyId);
    }
    const row = await this.dataSource.transaction(async (manager) => {
      let rows: SubscriptionRow[];
      try {
        rows = await manager.query(
          `INSERT INTO subscriptions
             (id, agency_id, event_types, municipality_codes, channel, webhook_url, webhook_secret)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
           RETURNING id, agency_id, event_types, municipality_codes, channel, webhook_url, active, created_at`,
          [
            agencyId,
            request.eventTypes,
            request.municipalityCodes,
            request.channel,
            request.webhookUrl ?? null,
            sealedSecret,
          ],
        );
      } catch (error) {
        if ((error as { constraint?: string }).constraint === 'subscriptions_one_kafka_per_agency')
          throw kafkaStreamExists(agencyId);
        throw error;
      }
      const [created] = rows;
      if (!created) throw new Error('subscription insert returned no row');
      await this.audit.record(
        {
          actor,
          action: 'subscription.create',
          outcome: 'allowed',
          agencyId,
          target: created.id,
          detail: {
            channel: request.channel,
            eventTypes: request.eventTypes,
            municipalityCodes: request.municipalityCodes,
          },
        },
        manager,
      );
      return created;
    });
    return { ...toView(row), ...(webhookSecret ? { webhookSecret } : {}) };
  }

  private async assertNoKafkaStream(agencyId: string): Promise<void> {
    const existing: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM subscriptions WHERE agency_id = $1 AND channel = 'kafka' AND active`,
      [agencyId],
    );
    if (existing.length > 0) throw kafkaStreamExists(agencyId);
  }

  async subscriptions(agencyId: string): Promise<SubscriptionView[]> {
    await this.agency(agencyId);
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT id, agency_id, event_types, municipality_codes, channel, webhook_url, active, created_at
         FROM subscriptions WHERE agency_id = $1 ORDER BY created_at`,
      [agencyId],
    );
    return rows.map(toView);
  }

  /** A subscription, only if it belongs to the agency when one is given (agencies see their own). */
  async subscription(id: string, agencyId?: string): Promise<SubscriptionView> {
    const [row] = (await this.dataSource.query(
      `SELECT id, agency_id, event_types, municipality_codes, channel, webhook_url, active, created_at
         FROM subscriptions WHERE id = $1 AND ($2::text IS NULL OR agency_id = $2)`,
      [id, agencyId ?? null],
    )) as SubscriptionRow[];
    if (!row) throw subscriptionNotFound();
    return toView(row);
  }

  /** Stops a subscription; its pending deliveries are cancelled. */
  async deactivateSubscription(actor: string, id: string, agencyId?: string) {
    const subscription = await this.subscription(id, agencyId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE subscriptions SET active = false, deactivated_at = coalesce(deactivated_at, now())
          WHERE id = $1`,
        [id],
      );
      await manager.query(
        `UPDATE deliveries SET status = 'cancelled', last_error = 'subscription-deactivated',
                updated_at = now()
          WHERE subscription_id = $1 AND status = 'pending'`,
        [id],
      );
      await this.audit.record(
        {
          actor,
          action: 'subscription.deactivate',
          outcome: 'allowed',
          agencyId: subscription.agencyId,
          target: id,
        },
        manager,
      );
    });
    return { ...subscription, active: false };
  }

  /** The delivery log of a subscription, newest first. */
  async deliveryLog(id: string, query: DeliveryLogQuery, agencyId?: string) {
    await this.subscription(id, agencyId);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id::text AS "deliveryId", d.public_event_id AS "eventId", p.event_type AS "eventType",
              p.position::text::int AS position, d.status, d.attempts, d.last_error AS "lastError",
              d.last_status_code AS "lastStatusCode", d.replay, d.created_at AS "createdAt",
              d.delivered_at AS "deliveredAt",
              CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt"
         FROM deliveries d JOIN public_events p ON p.id = d.public_event_id
        WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2)
          AND ($3::bigint IS NULL OR d.id < $3)
        ORDER BY d.id DESC LIMIT $4`,
      [id, query.status ?? null, query.before ?? null, query.limit],
    );
    return { subscriptionId: id, deliveries: rows };
  }

  /**
   * Dead-lettered webhook deliveries back into the queue (attempts from zero), except those about
   * a case whose consent has since been withdrawn: they stay dead.
   */
  async redriveDeadLetters(actor: string, id: string) {
    const subscription = await this.subscription(id);
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE deliveries d
            SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
                last_status_code = NULL, updated_at = now()
           FROM public_events p, agencies a
          WHERE d.subscription_id = $1 AND d.status = 'dead'
            AND p.id = d.public_event_id AND a.id = p.agency_id
            AND (p.event_type = $2 OR EXISTS (
                  SELECT 1 FROM consents c
                   WHERE c.case_id = p.case_id AND c.purpose = 'partner-sharing'
                     AND c.scope = a.category AND c.granted))
          RETURNING d.id`,
        [id, partnerDataRedactionRequestedV1.type],
      )) as [unknown[], number];
      const [{ left }] = (await manager.query(
        `SELECT count(*)::int AS left FROM deliveries WHERE subscription_id = $1 AND status = 'dead'`,
        [id],
      )) as Array<{ left: number }>;
      await this.audit.record(
        {
          actor,
          action: 'dead-letters.redrive',
          outcome: 'allowed',
          agencyId: subscription.agencyId,
          target: id,
          detail: { redriven: rows.length, keptWithoutConsent: left },
        },
        manager,
      );
      return { subscriptionId: id, redriven: rows.length, keptWithoutConsent: left };
    });
  }

  /** The registered agency of a partner token's organisation (client credentials). */
  async agencyOfOrganisation(organisationId: string | undefined): Promise<Agency> {
    const [row] = (await this.dataSource.query(
      `SELECT id, name, category, active FROM agencies WHERE id = $1 AND active`,
      [organisationId ?? ''],
    )) as Agency[];
    if (!row) {
      throw new ForbiddenError('agency.unknown', {
        es: 'Su organización no está registrada como agencia socia activa.',
        en: 'Your organisation is not registered as an active partner agency.',
      });
    }
    return row;
  }
}

function kafkaStreamExists(agencyId: string): ConflictError {
  return new ConflictError(
    'subscription.kafka-exists',
    {
      es: 'La agencia ya tiene un flujo Kafka activo: desactívelo o amplíe ese.',
      en: 'The agency already has an active Kafka stream: deactivate or widen that one.',
    },
    `/admin/agencies/${agencyId}/subscriptions`,
  );
}
