import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { partnerDataRedactionRequestedV1 } from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { ConflictError, UnprocessableError } from '@reintegra/platform-errors';
import type { PartnerGatewayConfig } from '../config';
import { AuditLog } from '../core/audit-log.service';
import type { Agency } from '../registry/agencies.service';
import { SubscriptionsService } from '../registry/subscriptions.service';

/**
 * Replay: the agency's logged public events since a time, sent again into one of its
 * subscriptions (same event ids, so receivers can recognise them; header `reintegra-replay`).
 * Consent is checked again now: events about a case whose consent was withdrawn are not
 * replayed, redaction requests always are.
 */
@Injectable()
export class ReplayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsService,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
  ) {}

  async replay(actor: string, agency: Agency, subscriptionId: string, from: string) {
    const subscription = await this.subscriptions.subscription(subscriptionId, agency.id);
    if (!subscription.active) {
      throw new ConflictError('subscription.inactive', {
        es: 'La suscripción está desactivada: no se puede repetir en ella.',
        en: 'The subscription is deactivated: nothing can be replayed into it.',
      });
    }
    const since = new Date(from);
    const oldest = Date.now() - this.config.PARTNER_RETENTION_DAYS * 86_400_000;
    if (since.getTime() < oldest) {
      throw new UnprocessableError('replay.outside-retention', {
        es: `Solo se conservan ${this.config.PARTNER_RETENTION_DAYS} días de eventos: elija una fecha posterior.`,
        en: `Only ${this.config.PARTNER_RETENTION_DAYS} days of events are kept: choose a later date.`,
      });
    }
    if (since.getTime() > Date.now()) {
      throw new UnprocessableError('replay.from-in-future', {
        es: 'La fecha de inicio está en el futuro.',
        en: 'The start date is in the future.',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const queued: unknown[] = await manager.query(
        `INSERT INTO deliveries (subscription_id, public_event_id, channel, order_key, replay)
         SELECT $1, p.id, $2, p.subject, true
           FROM public_events p JOIN agencies a ON a.id = p.agency_id
          WHERE p.agency_id = $3 AND p.logged_at >= $4
            AND (p.event_type = $5 OR (
                  p.event_type = ANY ($6::text[])
                  AND (cardinality($7::text[]) = 0 OR p.municipality_code = ANY ($7::text[]))
                  -- listings (no case) need no consent
                  AND (p.case_id IS NULL OR EXISTS (
                    SELECT 1 FROM consents c
                     WHERE c.case_id = p.case_id AND c.purpose = 'partner-sharing'
                       AND c.scope = a.category AND c.granted))))
          ORDER BY p.position
         RETURNING id`,
        [
          subscription.id,
          subscription.channel,
          agency.id,
          since,
          partnerDataRedactionRequestedV1.type,
          subscription.eventTypes,
          subscription.municipalityCodes,
        ],
      );
      await this.audit.record(
        {
          actor,
          action: 'replay.request',
          outcome: 'allowed',
          agencyId: agency.id,
          target: subscription.id,
          detail: { from: since.toISOString(), events: queued.length },
        },
        manager,
      );
      return { subscriptionId: subscription.id, from: since.toISOString(), events: queued.length };
    });
  }
}
