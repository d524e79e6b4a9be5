import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AWAITING_SQL, OPEN_SQL } from '../core/referral-statuses';
import { count, derived, toCsv } from './suppression';

export interface IndicatorPeriod {
  /** Referrals requested / cases registered on or after (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

/**
 * Aggregate indicators for supervisors and analysts, from the read model, within the scope;
 * every count of 1–4 and every figure derived from fewer than 5 cases is suppressed.
 */
@Injectable()
export class Indicators {
  constructor(private readonly dataSource: DataSource) {}

  async compute(municipalityCode: string | null, period: IndicatorPeriod) {
    // Each query gets its own parameter list (PostgreSQL refuses parameters a query leaves unused).
    const sql = () => {
      const params: unknown[] = [];
      const scope = (column: string) => {
        if (municipalityCode === null) return 'true';
        params.push(municipalityCode);
        return `${column} = $${params.length}`;
      };
      const range = (column: string) => {
        const parts: string[] = [];
        if (period.from) {
          params.push(period.from);
          parts.push(`${column} >= $${params.length}::date`);
        }
        if (period.to) {
          params.push(period.to);
          parts.push(`${column} < $${params.length}::date + 1`);
        }
        return parts.length ? parts.join(' AND ') : 'true';
      };
      return { params, scope, range };
    };
    const f = sql();
    const m = sql();
    const sc = sql();
    const referralWhere = `${f.scope('r.municipality_code')} AND ${f.range('r.requested_at')}`;
    const funnelSql = `
      SELECT service, count(*)::int AS referred,
             count(*) FILTER (WHERE accepted_at IS NOT NULL)::int AS accepted,
             count(*) FILTER (WHERE status = 'completed')::int AS completed,
             count(*) FILTER (WHERE accepted_at IS NOT NULL)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - requested_at) / 3600)
               FILTER (WHERE accepted_at IS NOT NULL) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - requested_at) / 3600)
               FILTER (WHERE accepted_at IS NOT NULL) AS p90
        FROM referrals r WHERE service IS NOT NULL AND ${referralWhere}
       GROUP BY service ORDER BY service`;
    const monthlySql = `
      WITH months AS (
        SELECT to_char(date_trunc('month', r.completed_at), 'YYYY-MM') AS month, 'placements' AS kind
          FROM referrals r WHERE r.service = 'employment' AND r.status = 'completed' AND ${m.scope('r.municipality_code')}
            AND ${m.range('r.completed_at')}
        UNION ALL
        SELECT to_char(date_trunc('month', e.enrolled_at), 'YYYY-MM'), 'enrolments'
          FROM enrolments e JOIN cases c ON c.case_id = e.case_id
         WHERE e.enrolled_at IS NOT NULL AND ${m.scope('c.municipality_code')} AND ${m.range('e.enrolled_at')})
      SELECT month, count(*) FILTER (WHERE kind = 'placements')::int AS placements,
             count(*) FILTER (WHERE kind = 'enrolments')::int AS enrolments
        FROM months GROUP BY month ORDER BY month`;
    const scoresSql = `
      SELECT s.wave, count(*)::int AS n, avg(s.composite)::float8 AS composite,
             avg(s.economic)::float8 AS economic, avg(s.social)::float8 AS social,
             avg(s.psychosocial)::float8 AS psychosocial
        FROM scores s JOIN cases c ON c.case_id = s.case_id
       WHERE ${sc.scope('c.municipality_code')} AND ${sc.range('s.computed_at')}
       GROUP BY s.wave ORDER BY s.wave`;
    const [funnel, monthly, scores] = await Promise.all([
      this.q<{
        service: string;
        referred: number;
        accepted: number;
        completed: number;
        n: number;
        median: number | null;
        p90: number | null;
      }>(funnelSql, f.params),
      this.q<{ month: string; placements: number; enrolments: number }>(monthlySql, m.params),
      this.q<{
        wave: number;
        n: number;
        composite: number | null;
        economic: number | null;
        social: number | null;
        psychosocial: number | null;
      }>(scoresSql, sc.params),
    ]);
    return {
      suppressionThreshold: 5,
      funnel: funnel.map((row) => ({
        service: row.service,
        referred: count(row.referred),
        accepted: count(row.accepted),
        completed: count(row.completed),
      })),
      timeToAcceptanceHours: funnel.map((row) => ({
        service: row.service,
        accepted: count(row.n),
        median: derived(row.median, row.n, 1),
        p90: derived(row.p90, row.n, 1),
      })),
      monthly: monthly.map((row) => ({
        month: row.month,
        placements: count(row.placements),
        enrolments: count(row.enrolments),
      })),
      scoresByWave: scores.map((row) => ({
        wave: row.wave,
        cases: count(row.n),
        composite: derived(row.composite, row.n),
        economic: derived(row.economic, row.n),
        social: derived(row.social, row.n),
        psychosocial: derived(row.psychosocial, row.n),
      })),
    };
  }

  /** The same figures, one row per figure, for spreadsheets. */
  csv(indicators: Awaited<ReturnType<Indicators['compute']>>): string {
    const rows: unknown[][] = [];
    for (const f of indicators.funnel)
      for (const metric of ['referred', 'accepted', 'completed'] as const)
        rows.push(['funnel', f.service, metric, f[metric]]);
    for (const t of indicators.timeToAcceptanceHours)
      for (const metric of ['median', 'p90'] as const)
        rows.push(['time-to-acceptance-hours', t.service, metric, t[metric]]);
    for (const m of indicators.monthly)
      for (const metric of ['placements', 'enrolments'] as const)
        rows.push(['per-month', m.month, metric, m[metric]]);
    for (const s of indicators.scoresByWave)
      for (const metric of ['cases', 'composite', 'economic', 'social', 'psychosocial'] as const)
        rows.push(['scores-by-wave', s.wave, metric, s[metric]]);
    return toCsv(['indicator', 'group', 'metric', 'value'], rows);
  }

  /** Open work per officer and per service provider (operational figures: not suppressed). */
  async caseload(municipalityCode: string | null) {
    const p: unknown[] = municipalityCode === null ? [] : [municipalityCode];
    const scoped = (column: string) => (municipalityCode === null ? 'true' : `${column} = $1`);
    const [officers, providers] = await Promise.all([
      this.q<Record<string, unknown>>(
        `SELECT c.officer, count(*)::int AS "openCases",
                coalesce(sum(r.open), 0)::int AS "openReferrals", coalesce(sum(r.overdue), 0)::int AS overdue
           FROM cases c
           LEFT JOIN LATERAL (
             SELECT count(*) FILTER (WHERE status IN ${OPEN_SQL}) AS open,
                    count(*) FILTER (WHERE status IN ${AWAITING_SQL} AND acknowledge_by < now()) AS overdue
               FROM referrals WHERE case_id = c.case_id) r ON true
          WHERE ${scoped('c.municipality_code')} AND c.registered_at IS NOT NULL AND c.phase <> 'closed'
          GROUP BY c.officer ORDER BY 2 DESC, 1 LIMIT 200`,
        p,
      ),
      this.q<Record<string, unknown>>(
        `SELECT coalesce(r.accepted_by, asked.provider, r.service) AS provider, r.service,
                count(*)::int AS "openReferrals",
                count(*) FILTER (WHERE r.status IN ${AWAITING_SQL} AND r.acknowledge_by < now())::int AS overdue
           FROM referrals r
           LEFT JOIN LATERAL unnest(CASE WHEN r.accepted_by IS NULL THEN r.provider_ids END) AS asked(provider) ON true
          WHERE ${scoped('r.municipality_code')} AND r.status IN ${OPEN_SQL}
          GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 200`,
        p,
      ),
    ]);
    return { officers, providers };
  }

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, params) as Promise<T[]>;
  }
}
