import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findMunicipality } from '@reintegra/reference-data';
import { CASE_PHASES } from '@reintegra/workflow-contracts';
import { AWAITING_SQL, OPEN_SQL } from '../core/referral-statuses';
import { scopeSql } from '../core/scope';
import type { CaseListQuery } from './dashboard.requests';
import { RecentFigures } from './recent-figures';

const VICTIM_SUPPORT = 'victim-support';

export interface ReferralView {
  referralId: string;
  service: string | null;
  priority: string | null;
  status: string;
  requestedAt: string | null;
  acknowledgeBy: string | null;
  overdue: boolean;
  escalations: number;
  acceptedAt: string | null;
  completedAt: string | null;
  providerIds?: string[];
  acceptedBy?: string | null;
  reasonCode?: string | null;
}

/** Victim-support referrals leave this API as status and dates only (need-to-know). */
export function referralView(row: ReferralView): ReferralView {
  if (row.service !== VICTIM_SUPPORT) return row;
  const { providerIds: _p, acceptedBy: _a, reasonCode: _r, ...statusOnly } = row;
  return { ...statusOnly, confidential: true } as ReferralView;
}

const REFERRAL_COLUMNS = `
  r.referral_id AS "referralId", r.service, r.priority, r.status,
  r.requested_at AS "requestedAt", r.acknowledge_by AS "acknowledgeBy",
  (r.status IN ${AWAITING_SQL} AND r.acknowledge_by < now()) AS overdue,
  r.escalations, r.accepted_at AS "acceptedAt", r.completed_at AS "completedAt",
  r.provider_ids AS "providerIds", r.accepted_by AS "acceptedBy", r.reason_code AS "reasonCode"`;

const municipalityName = (code: string | null) =>
  code ? (findMunicipality(code)?.name ?? code) : null;

/** The dashboard's reads of the read model, always within the caller's municipality scope. */
@Injectable()
export class DashboardQueries {
  /**
   * A list's total counts every case of the scope that passes the filters (at 50,000 cases, a
   * count over the overdue referrals takes 30–40 ms); like the overview's figures it may be up to
   * 5 s old, so paging through one list counts once. The page itself is always read live.
   */
  private readonly listTotals = new RecentFigures<number>(5_000, 30_000);

  constructor(private readonly dataSource: DataSource) {}

  async overview(municipalityCode: string | null) {
    // Every query below takes the municipality (if any) as its only parameter, $1.
    const p: unknown[] = municipalityCode === null ? [] : [municipalityCode];
    const scoped = (column: string) => (municipalityCode === null ? 'true' : `${column} = $1`);
    const cases = scoped('municipality_code');
    const referrals = cases;
    const [phases, deadlines, escalations, recent, arrivals, approvals, followUps] =
      await Promise.all([
        this.q<{ phase: string; count: number }>(
          `SELECT phase, count(*)::int AS count FROM cases
            WHERE ${cases} AND registered_at IS NOT NULL GROUP BY phase`,
          p,
        ),
        this.q<{ overdue: number; dueThisWeek: number; awaiting: number }>(
          `SELECT count(*) FILTER (WHERE acknowledge_by < now())::int AS overdue,
                  count(*) FILTER (WHERE acknowledge_by >= now() AND acknowledge_by < now() + interval '7 days')::int AS "dueThisWeek",
                  count(*)::int AS awaiting
             FROM referrals WHERE ${referrals} AND status IN ${AWAITING_SQL}`,
          p,
        ),
        this.q<{ open: number; lastWeek: number }>(
          `SELECT count(*) FILTER (WHERE status IN ${AWAITING_SQL})::int AS open,
                  count(*) FILTER (WHERE last_escalated_at >= now() - interval '7 days')::int AS "lastWeek"
             FROM referrals WHERE ${referrals} AND escalations > 0`,
          p,
        ),
        this.q<Record<string, unknown>>(
          `SELECT referral_id AS "referralId", case_id AS "caseId", service, priority, escalations,
                  last_escalated_at AS "escalatedAt", status
             FROM referrals WHERE ${referrals} AND escalations > 0
            ORDER BY last_escalated_at DESC NULLS LAST LIMIT 10`,
          p,
        ),
        this.q<{ day: string; count: number }>(
          `SELECT to_char(date_trunc('day', registered_at), 'YYYY-MM-DD') AS day, count(*)::int AS count
             FROM cases WHERE ${cases} AND registered_at >= date_trunc('day', now()) - interval '6 days'
            GROUP BY 1 ORDER BY 1`,
          p,
        ),
        this.q<{ plans: number; closures: number }>(
          `SELECT count(*) FILTER (WHERE plan_status = 'submitted')::int AS plans,
                  count(*) FILTER (WHERE closure_proposed_at IS NOT NULL AND closed_at IS NULL)::int AS closures
             FROM cases WHERE ${cases} AND (plan_status = 'submitted' OR (closure_proposed_at IS NOT NULL AND closed_at IS NULL))`,
          p,
        ),
        this.q<{ dueThisWeek: number; overdue: number }>(
          `SELECT count(*) FILTER (WHERE f.due_at >= now())::int AS "dueThisWeek",
                  count(*) FILTER (WHERE f.due_at < now())::int AS overdue
             FROM follow_ups f JOIN cases c ON c.case_id = f.case_id
            WHERE ${scoped('c.municipality_code')} AND f.completed_at IS NULL AND f.due_at < now() + interval '7 days'`,
          p,
        ),
      ]);
    const byPhase = Object.fromEntries(CASE_PHASES.map((phase) => [phase, 0])) as Record<
      string,
      number
    >;
    for (const row of phases) byPhase[row.phase] = row.count;
    return {
      scope: { municipalityCode, municipalityName: municipalityName(municipalityCode) },
      generatedAt: new Date().toISOString(),
      openPaths: Object.entries(byPhase)
        .filter(([phase]) => phase !== 'closed')
        .reduce((sum, [, count]) => sum + count, 0),
      phases: byPhase,
      referrals: deadlines[0] ?? { overdue: 0, dueThisWeek: 0, awaiting: 0 },
      followUps: followUps[0] ?? { dueThisWeek: 0, overdue: 0 },
      escalations: { ...(escalations[0] ?? { open: 0, lastWeek: 0 }), recent },
      newArrivals: {
        lastSevenDays: arrivals.reduce((sum, row) => sum + row.count, 0),
        byDay: arrivals,
      },
      approvals: approvals[0] ?? { plans: 0, closures: 0 },
    };
  }

  async listCases(municipalityCode: string | null, query: CaseListQuery) {
    const p: unknown[] = [];
    const where = [
      `c.registered_at IS NOT NULL`,
      scopeSql('c.municipality_code', municipalityCode, p),
    ];
    const add = (sql: (n: string) => string, value: unknown) => {
      p.push(value);
      where.push(sql(`$${p.length}`));
    };
    if (query.phase) add((n) => `c.phase = ${n}`, query.phase);
    if (query.officer) add((n) => `c.officer = ${n}`, query.officer);
    if (query.from) add((n) => `c.registered_at >= ${n}::date`, query.from);
    if (query.to) add((n) => `c.registered_at < ${n}::date + 1`, query.to);
    // Service, priority and overdue describe one and the same referral of the case; the
    // referral's own municipality lets the planner stay within the scope's referrals.
    const referral: string[] = [];
    if (query.service) {
      p.push(query.service);
      referral.push(`r.service = $${p.length}`);
    }
    if (query.priority) {
      p.push(query.priority);
      referral.push(`r.priority = $${p.length}`, `r.status IN ${OPEN_SQL}`);
    }
    if (referral.length > 0) {
      if (query.overdue === true)
        referral.push(`r.status IN ${AWAITING_SQL} AND r.acknowledge_by < now()`);
      if (municipalityCode !== null) referral.unshift(`r.municipality_code = $1`);
      where.push(
        `EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.case_id AND ${referral.join(' AND ')})`,
      );
    } else if (query.overdue === true) {
      // Overdue alone reads the case's earliest awaiting deadline, which the projection keeps: an
      // index range, where a semi-join of every case with the referrals took 26–36 ms at 50,000.
      where.push(`c.awaiting_deadline < now()`);
    }
    if (query.overdue === false)
      where.push(`(c.awaiting_deadline IS NULL OR c.awaiting_deadline >= now())`);
    const condition = where.join(' AND ');
    const [total, items] = await Promise.all([
      this.listTotals.get(`${condition} ${JSON.stringify(p)}`, async () => {
        const [row] = await this.q<{ total: number }>(
          `SELECT count(*)::int AS total FROM cases c WHERE ${condition}`,
          p,
        );
        return row?.total ?? 0;
      }),
      this.q<Record<string, unknown>>(
        `SELECT c.case_id AS "caseId", c.municipality_code AS "municipalityCode", c.phase,
                c.risk_level AS "riskLevel", c.officer, c.registered_at AS "registeredAt", c.minor,
                c.plan_status AS "planStatus", (c.closure_proposed_at IS NOT NULL AND c.closed_at IS NULL) AS "closureProposed",
                coalesce(r.open, 0) AS "openReferrals", coalesce(r.overdue, 0) AS "overdueReferrals",
                r.next_deadline AS "nextDeadline"
           FROM (SELECT * FROM cases c WHERE ${condition}
                  ORDER BY c.registered_at DESC, c.case_id
                  LIMIT ${query.limit} OFFSET ${query.offset}) c
           -- Per case of the page only: the page is chosen first.
           LEFT JOIN LATERAL (
             SELECT count(*) FILTER (WHERE status IN ${OPEN_SQL})::int AS open,
                    count(*) FILTER (WHERE status IN ${AWAITING_SQL} AND acknowledge_by < now())::int AS overdue,
                    min(acknowledge_by) FILTER (WHERE status IN ${AWAITING_SQL}) AS next_deadline
               FROM referrals WHERE case_id = c.case_id) r ON true
          ORDER BY c.registered_at DESC, c.case_id`,
        p,
      ),
    ]);
    return {
      total,
      limit: query.limit,
      offset: query.offset,
      items: items.map((item) => ({
        ...item,
        municipalityName: municipalityName(item['municipalityCode'] as string | null),
      })),
    };
  }

  /** The case with everything the read model knows, or undefined when outside the scope. */
  async casePage(municipalityCode: string | null, caseId: string) {
    const p: unknown[] = [caseId];
    const rows = await this.q<Record<string, unknown>>(
      `SELECT case_id AS "caseId", returnee_id AS "returneeId", episode_number AS "episodeNumber",
              municipality_code AS "municipalityCode", district_code AS "districtCode", minor,
              to_char(return_date, 'YYYY-MM-DD') AS "returnDate", country_returned_from AS "countryReturnedFrom",
              registered_at AS "registeredAt", registered_by AS "registeredBy", status, phase,
              phase_at AS "phaseAt", risk_level AS "riskLevel", assigned_officer AS "assignedOfficer",
              officer, plan_id AS "planId", plan_version AS "planVersion", plan_status AS "planStatus",
              plan_submitted_at AS "planSubmittedAt", plan_submitted_by AS "planSubmittedBy",
              plan_goal_dimensions AS "planGoalDimensions", plan_proposed_referrals AS "planProposedReferrals",
              plan_approved_at AS "planApprovedAt", closure_proposed_reason AS "closureProposedReason",
              closure_proposed_at AS "closureProposedAt", closure_proposed_by AS "closureProposedBy",
              closure_reason AS "closureReason", closed_at AS "closedAt", last_event_at AS "lastEventAt"
         FROM cases
        WHERE case_id = $1 AND registered_at IS NOT NULL AND ${scopeSql('municipality_code', municipalityCode, p)}`,
      p,
    );
    const found = rows[0];
    if (!found) return undefined;
    const [referrals, followUps, scores, timeline] = await Promise.all([
      this.q<ReferralView>(
        `SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.case_id = $1 ORDER BY r.requested_at NULLS LAST`,
        [caseId],
      ),
      this.q<Record<string, unknown>>(
        `SELECT wave, due_at AS "dueAt", assigned_officer AS "assignedOfficer", completed_at AS "completedAt",
                (completed_at IS NULL AND due_at < now()) AS overdue
           FROM follow_ups WHERE case_id = $1 ORDER BY wave`,
        [caseId],
      ),
      this.q<Record<string, unknown>>(
        `SELECT wave, economic::float8 AS economic, social::float8 AS social,
                psychosocial::float8 AS psychosocial, composite::float8 AS composite, computed_at AS "computedAt"
           FROM scores WHERE case_id = $1 ORDER BY wave, computed_at`,
        [caseId],
      ),
      this.q<Record<string, unknown>>(
        `SELECT event_id AS "eventId", type, occurred_at AS "occurredAt", actor, data
           FROM case_events WHERE case_id = $1 ORDER BY occurred_at, recorded_at, event_id`,
        [caseId],
      ),
    ]);
    return {
      case: { ...found, municipalityName: municipalityName(found['municipalityCode'] as string) },
      referrals: referrals.map(referralView),
      followUps,
      scores,
      timeline,
    };
  }

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, params) as Promise<T[]>;
  }
}
