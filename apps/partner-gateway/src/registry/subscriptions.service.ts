import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import { ConflictError, ForbiddenError, UnprocessableError } from '@reintegra/platform-errors';
import type { PartnerGatewayConfig } from '../config';
import { AuditLog } from '../core/audit-log.service';
import { GatewayKeys } from '../crypto/gateway-keys';
import { PartnerTopics } from '../delivery/partner-topics.service';
import { checkWebhookUrl, type Resolver } from '../delivery/webhook-url-policy';
import { newWebhookSecret } from '../delivery/webhook-signature';
import { subscribableTypes } from '../policy/category-policy';
import { AgenciesService } from './agencies.service';
import { subscriptionNotFound, WEBHOOK_URL_MESSAGES } from './errors';
import type { CreateSubscriptionRequest } from './registry.requests';
import { type SubscriptionRow, type SubscriptionView, toView } from './subscriptions.queries';

export const WEBHOOK_URL_RESOLVER = Symbol('WEBHOOK_URL_RESOLVER');

/**
 * An agency's subscriptions: created (by the admin or the agency), read, deactivated. Every
 * change is audited in its own transaction; a refused request writes nothing but its audit record.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly audit: AuditLog,
    private readonly keys: GatewayKeys,
    private readonly topics: PartnerTopics,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
    @Inject(WEBHOOK_URL_RESOLVER) private readonly resolver: Resolver,
  ) {}

  async createSubscription(actor: string, agencyId: string, request: CreateSubscriptionRequest) {
    const agency = await this.agencies.agency(agencyId);
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
    await this.agencies.agency(agencyId);
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
