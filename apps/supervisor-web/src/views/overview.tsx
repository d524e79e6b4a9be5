import { FreshnessNote } from '@reintegra/ui-web';
import { BarChart } from '../components/bar-chart';
import { Loading, ProblemMessage } from '../components/problem';
import { formatDateTime, label, useI18n } from '../i18n';
import { useApi } from '../use-api';

interface Overview {
  generatedAt: string;
  openPaths: number;
  phases: Record<string, number>;
  referrals: { overdue: number; dueThisWeek: number; awaiting: number };
  followUps: { dueThisWeek: number; overdue: number };
  escalations: {
    open: number;
    lastWeek: number;
    recent: {
      referralId: string;
      caseId: string;
      service: string;
      priority: string;
      escalations: number;
      escalatedAt: string;
    }[];
  };
  newArrivals: { lastSevenDays: number; byDay: { day: string; count: number }[] };
  approvals: { plans: number; closures: number };
}

type WorkflowFigures =
  | {
      available: true;
      runningPaths: number;
      pathsWithOverdueReferrals: number;
      followUpsDueWithinSevenDays: number;
    }
  | { available: false };

export function OverviewView() {
  const { t, language } = useI18n();
  const { data, error } = useApi<Overview>('/api/overview');
  const workflows = useApi<WorkflowFigures>('/api/overview/workflows');
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <h1>{t.overview.title}</h1>
      <FreshnessNote
        generatedAt={data.generatedAt}
        language={language}
        note={t.overview.freshnessNote}
      />
      <div className="cards">
        <a className="card" href="#/cases" data-testid="open-paths">
          <span className="figure">{data.openPaths}</span>
          <span>{t.overview.openPaths}</span>
        </a>
        <a className="card alarm" href="#/cases?overdue=true" data-testid="overdue-referrals">
          <span className="figure">{data.referrals.overdue}</span>
          <span>{t.overview.overdue}</span>
          {/* In the link's text, not an aria-label, so its name starts with what is seen (WCAG 2.5.3). */}
          <span className="visually-hidden">. {t.overview.seeOverdue}</span>
        </a>
        <div className="card">
          <span className="figure">{data.referrals.dueThisWeek}</span>
          <span>{t.overview.dueThisWeek}</span>
          <span className="muted">
            {data.referrals.awaiting} {t.overview.awaiting.toLowerCase()}
          </span>
        </div>
        <div className="card warn">
          <span className="figure">{data.escalations.open}</span>
          <span>{t.overview.escalations}</span>
          <span className="muted">
            {data.escalations.lastWeek} {t.overview.escalationsWeek}
          </span>
        </div>
        <div className="card">
          <span className="figure">{data.newArrivals.lastSevenDays}</span>
          <span>{t.overview.arrivals}</span>
        </div>
        <a className="card" href="#/approvals">
          <span className="figure">{data.approvals.plans + data.approvals.closures}</span>
          <span>{t.overview.approvals}</span>
          <span className="muted">
            {data.approvals.plans} {t.overview.plans} · {data.approvals.closures}{' '}
            {t.overview.closures}
          </span>
        </a>
        <div className="card">
          <span className="figure">{data.followUps.dueThisWeek}</span>
          <span>{t.overview.followUps}</span>
          <span className="muted">
            {data.followUps.overdue} {t.overview.followUpsOverdue}
          </span>
        </div>
      </div>
      <div className="columns">
        <section>
          <BarChart
            title={t.overview.byPhase}
            bars={Object.entries(data.phases)
              .filter(([phase]) => phase !== 'closed')
              .map(([phase, value]) => ({ label: label(t.phases, phase), value }))}
          />
          <BarChart
            title={t.overview.arrivalsByDay}
            bars={data.newArrivals.byDay.map((day) => ({ label: day.day, value: day.count }))}
          />
        </section>
        <section aria-labelledby="recent-escalations">
          <h2 id="recent-escalations">{t.overview.recentEscalations}</h2>
          {data.escalations.recent.length === 0 ? (
            <p>{t.overview.noEscalations}</p>
          ) : (
            <ul className="plain">
              {data.escalations.recent.map((item) => (
                <li key={item.referralId}>
                  <a href={`#/cases/${item.caseId}`}>
                    {label(t.services, item.service)} · {label(t.priorities, item.priority)} ·{' '}
                    {formatDateTime(item.escalatedAt, language)}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <h2>{t.overview.workflows}</h2>
          {workflows.data === undefined ? (
            <Loading />
          ) : workflows.data.available ? (
            <ul className="plain">
              <li>
                {workflows.data.runningPaths} {t.overview.runningPaths}
              </li>
              <li>
                {workflows.data.pathsWithOverdueReferrals} {t.overview.pathsOverdue}
              </li>
              <li>
                {workflows.data.followUpsDueWithinSevenDays} {t.overview.followUpsSoon}
              </li>
            </ul>
          ) : (
            <p className="muted">{t.overview.workflowsUnavailable}</p>
          )}
        </section>
      </div>
    </>
  );
}
