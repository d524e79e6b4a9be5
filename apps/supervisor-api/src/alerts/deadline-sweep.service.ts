import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { SupervisorApiConfig } from '../config';
import { AWAITING_SQL } from '../core/referral-statuses';
import { AlertBus } from './alert-bus.service';

/** Breaches older than this are marked without an alert (catch-up after downtime or a rebuild). */
const ALERT_WINDOW = `interval '1 day'`;

/**
 * Finds acknowledgement deadlines that just passed without an answer and alerts the dashboard
 * once per deadline (a re-route sets a new deadline, which can breach again). The path workflow
 * escalates on its own timer; this catches a breach even when that escalation is late.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertBus,
    @Inject(APP_CONFIG) private readonly config: SupervisorApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((error: Error) =>
          this.logger.warn({ msg: 'deadline sweep failed', error: error.message }),
        )
        .finally(() => (this.running = undefined));
    }, this.config.DEADLINE_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    const [rows] = (await this.dataSource.query(
      `UPDATE referrals SET breach_alerted_for = acknowledge_by
        WHERE status IN ${AWAITING_SQL} AND acknowledge_by < now()
          AND breach_alerted_for IS DISTINCT FROM acknowledge_by
       RETURNING referral_id AS "referralId", case_id AS "caseId", municipality_code AS "municipalityCode",
                 service, priority, acknowledge_by AS "acknowledgeBy",
                 acknowledge_by >= now() - ${ALERT_WINDOW} AS recent`,
    )) as [
      {
        referralId: string;
        caseId: string;
        municipalityCode: string | null;
        service: string | null;
        priority: string | null;
        acknowledgeBy: Date;
        recent: boolean;
      }[],
      number,
    ];
    for (const row of rows) {
      if (!row.recent) continue;
      this.alerts.publish({
        kind: 'deadline-breach',
        id: `${row.referralId}@${row.acknowledgeBy.toISOString()}`,
        caseId: row.caseId,
        referralId: row.referralId,
        municipalityCode: row.municipalityCode,
        service: row.service,
        priority: row.priority,
        at: row.acknowledgeBy.toISOString(),
      });
    }
    return rows.length;
  }
}
