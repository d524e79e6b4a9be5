import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EVENT_ORIGIN, type EventOrigin, PollingLoop } from '@reintegra/platform-messaging';
import type { PartnerGatewayConfig } from '../config';

/**
 * Housekeeping: events held longer than PARTNER_CONSENT_HOLD_SECONDS (consent or registration of
 * the case never arrived) are dropped, each with an audit record saying what it waited for; the
 * public log, finished deliveries and anonymous refusal counts older than PARTNER_RETENTION_DAYS
 * are purged.
 */
@Injectable()
export class Maintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new PollingLoop('maintenance', async () => {
    await this.expireHeldEvents();
    await this.purgeExpiredLog();
    return this.intervalMs;
  });
  private readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
    @Inject(EVENT_ORIGIN) private readonly origin: EventOrigin,
  ) {
    this.intervalMs = Math.min(
      60_000,
      Math.max(500, (config.PARTNER_CONSENT_HOLD_SECONDS * 1000) / 4),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.wake(this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Drops expired held events with one audit record each; returns how many. */
  async expireHeldEvents(): Promise<number> {
    const [result] = (await this.dataSource.query(
      `WITH expired AS (
         DELETE FROM held_events h
          WHERE h.held_at < now() - make_interval(secs => $1)
         RETURNING h.event_id, h.agency_id, h.case_id, h.event_type, h.held_at
       ), audited AS (
         INSERT INTO audit_log (actor, action, outcome, code, agency_id, target, detail)
         SELECT $2, 'event.hold-expired', 'dropped',
                CASE WHEN c.granted IS NULL THEN 'consent-unknown' ELSE 'case-unknown' END,
                x.agency_id, x.event_id::text,
                jsonb_build_object('eventType', x.event_type, 'heldAt', x.held_at,
                                   'holdSeconds', $1::int)
           FROM expired x
           JOIN agencies a ON a.id = x.agency_id
           LEFT JOIN consents c ON c.case_id = x.case_id AND c.purpose = 'partner-sharing'
                               AND c.scope = a.category
         RETURNING 1
       )
       SELECT count(*)::int AS dropped FROM audited`,
      [this.config.PARTNER_CONSENT_HOLD_SECONDS, this.origin.systemActor],
    )) as Array<{ dropped: number }>;
    return result?.dropped ?? 0;
  }

  private async purgeExpiredLog(): Promise<void> {
    const days = this.config.PARTNER_RETENTION_DAYS;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM deliveries d USING public_events p
          WHERE d.public_event_id = p.id AND p.logged_at < now() - make_interval(days => $1)
            AND d.status <> 'pending'`,
        [days],
      );
      await manager.query(
        `DELETE FROM public_events p
          WHERE p.logged_at < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.public_event_id = p.id)`,
        [days],
      );
      await manager.query(
        `DELETE FROM anonymous_refusals WHERE minute < now() - make_interval(days => $1)`,
        [days],
      );
    });
  }
}
