import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { caseNotFound } from '@reintegra/platform-errors';
import { UuidParam, ValidQuery } from '@reintegra/platform-http';
import type { OpenReferral } from '@reintegra/workflow-contracts';
import { DASHBOARD_ROLES, municipalityFilter, scopeOf } from '../core/scope';
import { PathWorkflows } from '../workflow/path-workflows';
import { DashboardQueries } from './dashboard.queries';
import { RecentFigures } from './recent-figures';
import {
  type CaseListQuery,
  caseListQuerySchema,
  type OverviewQuery,
  overviewQuerySchema,
} from './dashboard.requests';

const VICTIM_SUPPORT = 'victim-support';

/** The workflow's open referrals, victim-support ones reduced to status and deadline. */
function redactOpenReferrals(referrals: readonly OpenReferral[]) {
  return referrals.map((referral) =>
    referral.service === VICTIM_SUPPORT
      ? {
          referralId: referral.referralId,
          service: referral.service,
          priority: referral.priority,
          status: referral.status,
          acknowledgeBy: referral.acknowledgeBy,
          overdue: referral.overdue,
          escalations: referral.escalations,
          confidential: true,
        }
      : referral,
  );
}

/** Overview figures: at most 5 s old, never more than 30 s (see RecentFigures). */
const FRESH_MS = 5_000;
const STALE_MS = 30_000;

@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class DashboardController {
  private readonly overviews = new RecentFigures<unknown>(FRESH_MS, STALE_MS);
  private readonly workflowCounts = new RecentFigures<unknown>(FRESH_MS, STALE_MS);

  constructor(
    private readonly queries: DashboardQueries,
    private readonly workflows: PathWorkflows,
  ) {}

  /** Open paths by phase, deadlines, escalations, arrivals and pending approvals. */
  @Get('overview')
  overview(@CurrentActor() actor: Actor, @ValidQuery(overviewQuerySchema) query: OverviewQuery) {
    const municipality = municipalityFilter(scopeOf(actor), query.municipality);
    return this.overviews.get(municipality ?? '*', () => this.queries.overview(municipality));
  }

  /** Figures only the workflows know ahead (visibility search); `available: false` if Temporal is not answering. */
  @Get('overview/workflows')
  workflowFigures(
    @CurrentActor() actor: Actor,
    @ValidQuery(overviewQuerySchema) query: OverviewQuery,
  ) {
    const municipality = municipalityFilter(scopeOf(actor), query.municipality);
    return this.workflowCounts.get(municipality ?? '*', () => this.workflows.figures(municipality));
  }

  @Get('cases')
  list(@CurrentActor() actor: Actor, @ValidQuery(caseListQuerySchema) query: CaseListQuery) {
    return this.queries.listCases(municipalityFilter(scopeOf(actor), query.municipality), query);
  }

  /** The case: read model (timeline, referrals, follow-ups, scores) and the workflow's live state. */
  @Get('cases/:caseId')
  async casePage(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    const page = await this.queries.casePage(scopeOf(actor).municipalityCode, caseId);
    // A case outside the scope is "not found": its existence is itself need-to-know.
    if (!page) throw caseNotFound();
    const live = await this.workflows.live(caseId);
    return {
      ...page,
      workflow:
        'state' in live
          ? { ...live, openReferrals: redactOpenReferrals(live.openReferrals) }
          : live,
      workflowUrl: this.workflows.workflowUrl(caseId),
      traceUrl: this.workflows.traceUrl(caseId),
    };
  }
}
