import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { partnerDataRedactionRequestedV1 } from '@reintegra/event-contracts';
import { AuditLog } from '../core/audit-log.service';
import type { DeliveryLogQuery } from './registry.requests';
import { SubscriptionsService } from './subscriptions.service';

/** What happened to a subscription's deliveries, and its dead letters sent again. */
@Injectable()
export class SubscriptionDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsService,
    private readonly audit: AuditLog,
  ) {}

  /** The delivery log of a subscription, newest first. */
  async deliveryLog(id: string, query: DeliveryLogQuery, agencyId?: string) {
    await this.subscriptions.subscription(id, agencyId);
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
    const subscription = await this.subscriptions.subscription(id);
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE deliveries d
            SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
                last_status_code = NULL, updated_at = now()
           FROM public_events p, agencies a
          WHERE d.subscription_id = $1 AND d.status = 'dead'
            AND p.id = d.public_event_id AND a.id = p.agency_id
            AND (p.event_type = $2 OR p.case_id IS NULL OR EXISTS (
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
}
