import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CLOUDEVENTS_CONTENT_TYPE, partnerTopicOf } from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { KAFKA_PRODUCER, PollingLoop } from '@reintegra/platform-messaging';
import type { PartnerGatewayConfig } from '../config';
import { GatewayKeys } from '../crypto/gateway-keys';
import { retryDelayMs } from './backoff';
import { postWebhook } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

/** Header on replayed deliveries (webhook and Kafka), so receivers can tell them apart. */
export const REPLAY_HEADER = 'reintegra-replay';

interface ClaimedWebhook {
  id: string;
  attempts: number;
  replay: boolean;
  event_id: string;
  body: string;
  webhook_url: string;
  webhook_secret: Buffer;
}

interface KafkaRow {
  id: string;
  subscription_id: string;
  agency_id: string;
  subject: string;
  body: string;
  replay: boolean;
  attempts: number;
}

/**
 * Sends queued deliveries. Webhooks: rows are claimed with FOR UPDATE SKIP LOCKED and a lease
 * (so replicas share the work and a crashed worker's rows come back), one case at a time per
 * subscription (a later event waits until the earlier one is delivered or dead-lettered),
 * retried with exponential backoff and jitter, dead-lettered after WEBHOOK_MAX_ATTEMPTS. Kafka:
 * one sender at a time (advisory lock) in id order per agency topic, keyed by the case's
 * pseudonym; a failing topic backs off on its own and is never dead-lettered (nothing is lost
 * while a broker is down).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly webhooks = new PollingLoop('webhooks', () => this.webhookTick());
  private readonly kafka = new PollingLoop('kafka', () => this.kafkaTick());
  private readonly mode: PartnerGatewayConfig['NODE_ENV'];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
    private readonly keys: GatewayKeys,
  ) {
    this.mode = config.NODE_ENV;
  }

  onApplicationBootstrap(): void {
    this.webhooks.wake(0);
    this.kafka.wake(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.webhooks.stop(), this.kafka.stop()]);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Claims what fits in the free webhook slots and sends each; returns the next poll delay. */
  private async webhookTick(): Promise<number> {
    const free = this.config.DELIVERY_CONCURRENCY - this.inFlight.size;
    if (free <= 0) return this.config.DELIVERY_POLL_INTERVAL_MS;
    const leaseSeconds = Math.ceil(this.config.WEBHOOK_TIMEOUT_MS / 1000) + 30;
    const [claimed] = (await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM deliveries d
          WHERE d.channel = 'webhook' AND d.status = 'pending' AND d.next_attempt_at <= now()
            AND (d.lease_until IS NULL OR d.lease_until < now())
            AND NOT EXISTS (
              SELECT 1 FROM deliveries e
               WHERE e.subscription_id = d.subscription_id AND e.order_key = d.order_key
                 AND e.id < d.id AND (e.status = 'pending' OR e.lease_until > now()))
          ORDER BY d.next_attempt_at, d.id
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED)
       UPDATE deliveries d
          SET lease_until = now() + make_interval(secs => $2), updated_at = now()
         FROM due, public_events p, subscriptions s
        WHERE d.id = due.id AND p.id = d.public_event_id AND s.id = d.subscription_id
       RETURNING d.id, d.attempts, d.replay, p.id AS event_id, p.body, s.webhook_url, s.webhook_secret`,
      [free, leaseSeconds],
    )) as [ClaimedWebhook[], number];
    for (const row of claimed) {
      const sending: Promise<void> = this.sendWebhook(row)
        .catch((error: unknown) =>
          this.logger.error({ msg: 'webhook delivery failed', error: (error as Error).message }),
        )
        .finally(() => {
          this.inFlight.delete(sending);
          this.webhooks.wake(0);
        });
      this.inFlight.add(sending);
    }
    return claimed.length === free ? 0 : this.config.DELIVERY_POLL_INTERVAL_MS;
  }

  private async sendWebhook(row: ClaimedWebhook): Promise<void> {
    const secret = this.keys.decryptSecret(row.webhook_secret);
    const headers = {
      ...webhookHeaders(secret, row.event_id, row.body),
      ...(row.replay ? { [REPLAY_HEADER]: 'true' } : {}),
    };
    const result = await postWebhook(row.webhook_url, row.body, headers, {
      mode: this.mode,
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
    });
    const attempts = row.attempts + 1;
    if (result.ok) {
      // A delivery cancelled meanwhile (consent withdrawn) keeps its status.
      await this.dataSource.query(
        `UPDATE deliveries
            SET status = CASE WHEN status = 'pending' THEN 'delivered' ELSE status END,
                delivered_at = CASE WHEN status = 'pending' THEN now() ELSE delivered_at END,
                attempts = $2, last_status_code = $3, last_error = NULL, lease_until = NULL,
                updated_at = now()
          WHERE id = $1`,
        [row.id, attempts, result.statusCode ?? null],
      );
      return;
    }
    const dead = attempts >= this.config.WEBHOOK_MAX_ATTEMPTS;
    const delay = retryDelayMs(attempts, {
      baseMs: this.config.WEBHOOK_RETRY_BASE_MS,
      maxMs: this.config.WEBHOOK_RETRY_MAX_MS,
    });
    await this.dataSource.query(
      `UPDATE deliveries
          SET status = CASE WHEN status = 'pending' AND $4 THEN 'dead' ELSE status END,
              attempts = $2, last_status_code = $3, last_error = $5, lease_until = NULL,
              next_attempt_at = now() + make_interval(secs => $6), updated_at = now()
        WHERE id = $1`,
      [row.id, attempts, result.statusCode ?? null, dead, result.error ?? 'failed', delay / 1000],
    );
  }

  /** Sends one batch of pending Kafka deliveries; returns the next poll delay. */
  private async kafkaTick(): Promise<number> {
    const batchSize = 500;
    const sent = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('partner-gateway:kafka-deliveries', 0)) AS locked`,
      )) as Array<{ locked: boolean }>;
      if (!locked) return 0;
      // A subscription in backoff is skipped as a whole, so its events keep their order.
      const rows: KafkaRow[] = await manager.query(
        `SELECT d.id, d.subscription_id, p.agency_id, p.subject, p.body, d.replay, d.attempts
           FROM deliveries d JOIN public_events p ON p.id = d.public_event_id
          WHERE d.channel = 'kafka' AND d.status = 'pending'
            AND NOT EXISTS (
              SELECT 1 FROM deliveries e
               WHERE e.subscription_id = d.subscription_id AND e.channel = 'kafka'
                 AND e.status = 'pending' AND e.next_attempt_at > now())
          ORDER BY d.id
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED`,
        [batchSize],
      );
      const bySubscription = new Map<string, KafkaRow[]>();
      for (const row of rows) {
        bySubscription.set(row.subscription_id, [
          ...(bySubscription.get(row.subscription_id) ?? []),
          row,
        ]);
      }
      for (const group of bySubscription.values()) {
        const ids = group.map((row) => row.id);
        try {
          await this.producer.send({
            topic: partnerTopicOf(group[0]?.agency_id ?? ''),
            acks: -1,
            messages: group.map((row) => ({
              key: row.subject,
              value: row.body,
              headers: {
                'content-type': CLOUDEVENTS_CONTENT_TYPE,
                ...(row.replay ? { [REPLAY_HEADER]: 'true' } : {}),
              },
            })),
          });
          await manager.query(
            `UPDATE deliveries SET status = 'delivered', delivered_at = now(), attempts = attempts + 1,
                    last_error = NULL, updated_at = now()
              WHERE id = ANY ($1::bigint[])`,
            [ids],
          );
        } catch (error) {
          const attempts = Math.max(...group.map((row) => row.attempts)) + 1;
          const delay = retryDelayMs(attempts, {
            baseMs: this.config.WEBHOOK_RETRY_BASE_MS,
            maxMs: this.config.WEBHOOK_RETRY_MAX_MS,
          });
          this.logger.warn({
            msg: 'agency topic unavailable; will retry',
            agencyId: group[0]?.agency_id,
            error: (error as Error).message,
          });
          await manager.query(
            `UPDATE deliveries SET attempts = attempts + 1, last_error = $2,
                    next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
              WHERE id = ANY ($1::bigint[])`,
            [ids, (error as Error).message.slice(0, 300), delay / 1000],
          );
        }
      }
      return rows.length;
    });
    return sent === batchSize ? 0 : this.config.DELIVERY_POLL_INTERVAL_MS;
  }

  /** Wakes both loops now (this process just committed new deliveries). */
  nudge(): void {
    this.webhooks.wake(0);
    this.kafka.wake(0);
  }
}
