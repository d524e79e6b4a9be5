import type { ReactNode } from 'react';
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
        <FigureCard
          href="#/cases"
          testId="open-paths"
          figure={data.openPaths}
          label={t.overview.openPaths}
        />
        <FigureCard
          tone="alarm"
          href="#/cases?overdue=true"
          testId="overdue-referrals"
          figure={data.referrals.overdue}
          label={t.overview.overdue}
        >
          {/* In the link's text, not an aria-label, so its name starts with what is seen (WCAG 2.5.3). */}
          <span className="visually-hidden">. {t.overview.seeOverdue}</span>
        </FigureCard>
        <FigureCard
          figure={data.referrals.dueThisWeek}
          label={t.overview.dueThisWeek}
          note={`${data.referrals.awaiting} ${t.overview.awaiting.toLowerCase()}`}
        />
        <FigureCard
          tone="warn"
          figure={data.escalations.open}
          label={t.overview.escalations}
          note={`${data.escalations.lastWeek} ${t.overview.escalationsWeek}`}
        />
        <FigureCard figure={data.newArrivals.lastSevenDays} label={t.overview.arrivals} />
        <FigureCard
          href="#/approvals"
          figure={data.approvals.plans + data.approvals.closures}
          label={t.overview.approvals}
          note={`${data.approvals.plans} ${t.overview.plans} · ${data.approvals.closures} ${t.overview.closures}`}
        />
        <FigureCard
          figure={data.followUps.dueThisWeek}
          label={t.overview.followUps}
          note={`${data.followUps.overdue} ${t.overview.followUpsOverdue}`}
        />
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

/**
 * One figure of the overview's cards: the number, what it counts and a note under it; a link
 * when it leads to the list behind the number.
 */
function FigureCard(props: {
  figure: number;
  label: string;
  note?: string;
  tone?: 'alarm' | 'warn';
  href?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const className = props.tone ? `card ${props.tone}` : 'card';
  const content = (
    <>
      <span className="figure">{props.figure}</span>
      <span>{props.label}</span>
      {props.note !== undefined && <span className="muted">{props.note}</span>}
      {props.children}
    </>
  );
  return props.href ? (
    <a className={className} href={props.href} data-testid={props.testId}>
      {content}
    </a>
  ) : (
    <div className={className} data-testid={props.testId}>
      {content}
    </div>
  );
}
