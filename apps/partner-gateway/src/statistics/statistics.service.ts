import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { PartnerGatewayConfig } from '../config';
import type { StatisticsQuery } from './statistics.requests';

export interface StatisticsCell {
  month: string;
  municipalityCode: string;
  service: string;
  outcome: string;
  referrals: number | null;
  people: number | null;
  suppressed: boolean;
}

/** One cell of the referral counts as the query returns it. */
export interface ReferralCountRow {
  month: string;
  municipality_code: string;
  service: string;
  outcome: string;
  referrals: number;
  people: number;
}

/**
 * Referral counts by month (of the request, El Salvador time), municipality, service and latest
 * outcome, for agencies that only get numbers. Only people whose `statistics` consent is active
 * at the time of the query are counted (a withdrawal removes them from later figures); victim
 * support is never counted. A cell with fewer than STATISTICS_MIN_CELL people is suppressed, and
 * no totals are published, so a suppressed cell cannot be recovered by subtraction.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
  ) {}

  async referralCounts(query: StatisticsQuery) {
    const rows: ReferralCountRow[] = await this.dataSource.query(
      `WITH facts AS (
         SELECT to_char(coalesce(f.requested_at, f.outcome_at) AT TIME ZONE 'America/El_Salvador',
                        'YYYY-MM') AS month,
                c.municipality_code, f.service, f.outcome, f.case_id
           FROM referral_facts f
           JOIN cases c ON c.case_id = f.case_id
           JOIN consents s ON s.case_id = f.case_id AND s.purpose = 'statistics' AND s.scope = ''
                          AND s.granted)
       SELECT month, municipality_code, service, outcome,
              count(*)::int AS referrals, count(DISTINCT case_id)::int AS people
         FROM facts WHERE month BETWEEN $1 AND $2
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4`,
      [query.from, query.to],
    );
    return {
      from: query.from,
      to: query.to,
      minimumCell: this.config.STATISTICS_MIN_CELL,
      basis:
        'Remisiones de personas con consentimiento de estadística vigente; celdas con menos de minimumCell personas suprimidas / referrals of people with an active statistics consent; cells under minimumCell people suppressed',
      cells: rows.map((row) => suppress(row, this.config.STATISTICS_MIN_CELL)),
    };
  }
}

export function suppress(row: ReferralCountRow, minimumCell: number): StatisticsCell {
  const hidden = row.people < minimumCell;
  return {
    month: row.month,
    municipalityCode: row.municipality_code,
    service: row.service,
    outcome: row.outcome,
    referrals: hidden ? null : row.referrals,
    people: hidden ? null : row.people,
    suppressed: hidden,
  };
}
