import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scrapedGauge } from '@reintegra/platform-http';
import { AWAITING_SQL } from '../core/referral-statuses';

/**
 * What municipal IT alerts on besides the machinery: referrals past their answer deadline and
 * follow-up waves past due, per municipality, read from the read model when scraped (counts
 * only; the municipality code is the only label, `unknown` while the case's registration has not
 * been projected yet).
 */
@Injectable()
export class WorkloadGauges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly removers: (() => void)[] = [];

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const perMunicipality = (sql: string) => async () =>
      ((await this.dataSource.query(sql)) as { municipality: string; count: number }[]).map(
        ({ municipality, count }) => ({ labels: { municipality }, value: count }),
      );
    this.removers.push(
      scrapedGauge(
        'reintegra_overdue_referrals',
        'Referrals still waiting for an answer past their deadline',
        ['municipality'],
        perMunicipality(
          `SELECT coalesce(municipality_code, 'unknown') AS municipality, count(*)::int AS count
             FROM referrals
            WHERE status IN ${AWAITING_SQL} AND acknowledge_by < now() GROUP BY municipality_code`,
        ),
      ),
      scrapedGauge(
        'reintegra_overdue_follow_ups',
        'Follow-up waves past due and not yet completed',
        ['municipality'],
        perMunicipality(
          `SELECT coalesce(c.municipality_code, 'unknown') AS municipality, count(*)::int AS count
             FROM follow_ups f JOIN cases c ON c.case_id = f.case_id
            WHERE f.completed_at IS NULL AND f.due_at < now() GROUP BY c.municipality_code`,
        ),
      ),
    );
  }

  onApplicationShutdown(): void {
    for (const remove of this.removers.splice(0)) remove();
  }
}
