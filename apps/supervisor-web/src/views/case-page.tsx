import { DataTable } from '../components/data-table';
import { Loading, ProblemMessage } from '../components/problem';
import { formatDate, formatDateTime, label, useI18n } from '../i18n';
import { useApi } from '../use-api';
import { PathActions } from './path-actions';

interface Referral {
  referralId: string;
  service: string | null;
  priority: string | null;
  status: string;
  requestedAt: string | null;
  acknowledgeBy: string | null;
  overdue: boolean;
  escalations: number;
  providerIds?: string[];
  acceptedBy?: string | null;
  reasonCode?: string | null;
  confidential?: boolean;
}

interface TimelineEntry {
  eventId: string;
  type: string;
  occurredAt: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface CaseDetail {
  case: {
    caseId: string;
    municipalityName: string | null;
    phase: string;
    status: string | null;
    riskLevel: string | null;
    officer: string | null;
    registeredAt: string;
    returnDate: string | null;
    episodeNumber: number | null;
    minor: boolean;
    planId: string | null;
    planVersion: number | null;
    planStatus: string | null;
    closureProposedReason: string | null;
    closedAt: string | null;
  };
  referrals: Referral[];
  followUps: { wave: number; dueAt: string | null; completedAt: string | null; overdue: boolean }[];
  scores: {
    wave: number;
    economic: number | null;
    social: number | null;
    psychosocial: number | null;
    composite: number | null;
  }[];
  timeline: TimelineEntry[];
  workflow:
    | {
        status: 'running' | 'finished';
        state: {
          phase: string;
          paused?: boolean;
          overdueReferrals?: number;
          nextFollowUpAt?: string;
          riskLevel?: string;
          assignedOfficer?: string;
        };
        openReferrals: Referral[];
      }
    | { status: 'not-started' | 'unavailable' };
  workflowUrl?: string;
  traceUrl?: string;
}

interface Routing {
  code: string;
  proximity?: string;
  capacityAvailable?: number;
  skipped?: { alreadyAsked: number; noCapacity: number; notEligible: number };
}

/** Why the service directory chose (or found no) provider, in plain words, from its codes. */
function routingText(routing: Routing, t: ReturnType<typeof useI18n>['t']): string {
  const r = t.casePage.routing;
  const skipped = routing.skipped
    ? r.skipped(
        routing.skipped.alreadyAsked,
        routing.skipped.noCapacity,
        routing.skipped.notEligible,
      )
    : undefined;
  if (routing.code === 'directory.nearest-eligible') {
    const where = routing.proximity ? label(r.proximity, routing.proximity) : undefined;
    const places =
      routing.capacityAvailable === undefined
        ? r.placesUnknown
        : r.freePlaces(routing.capacityAvailable);
    return `${[r.nearest, where, places].filter(Boolean).join(', ')}${skipped ? `; ${skipped}` : ''}.`;
  }
  if (routing.code === 'directory.none-eligible')
    return `${r.none}${skipped ? `; ${skipped}` : ''}.`;
  return `${r.other}: ${routing.code}.`;
}

/** What a timeline entry adds to its title: the codes that tell what moved (ids stay out). */
function detail(entry: TimelineEntry, t: ReturnType<typeof useI18n>['t']): string {
  const d = entry.data;
  const parts: string[] = [];
  if (typeof d['service'] === 'string') parts.push(label(t.services, d['service']));
  if (typeof d['from'] === 'string' && typeof d['to'] === 'string')
    parts.push(
      `${label(t.phases, d['from'] === 'open' ? 'intake' : d['from'])} → ${label(t.phases, d['to'] === 'open' ? 'intake' : d['to'])}`,
    );
  if (typeof d['status'] === 'string') parts.push(label(t.statuses, d['status']));
  if (typeof d['action'] === 'string') parts.push(label(t.statuses, d['action']));
  if (typeof d['priority'] === 'string') parts.push(label(t.priorities, d['priority']));
  if (typeof d['reason'] === 'string') parts.push(label(t.closureReasons, d['reason']));
  if (typeof d['riskLevel'] === 'string')
    parts.push(`${t.casePage.risk}: ${label(t.risk, d['riskLevel'])}`);
  if (typeof d['planVersion'] === 'number') parts.push(`v${d['planVersion']}`);
  if (typeof d['wave'] === 'number') parts.push(`${t.casePage.wave} ${d['wave']}`);
  if (typeof d['providerId'] === 'string') parts.push(d['providerId']);
  if (typeof d['reasonCode'] === 'string') parts.push(d['reasonCode']);
  if (d['routing'] && typeof d['routing'] === 'object')
    parts.push(routingText(d['routing'] as Routing, t));
  return parts.join(' · ');
}

export function CasePage({ caseId }: { caseId: string }) {
  const { t, language } = useI18n();
  const { data, error, reload } = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  const c = data.case;
  const live = data.workflow;
  return (
    <>
      <p>
        <a href="#/cases">← {t.casePage.back}</a>
      </p>
      <h1>
        {t.casePage.title} <code>{c.caseId.slice(0, 8)}</code>{' '}
        <span className="phase" data-testid="case-phase">
          {label(t.phases, c.phase)}
        </span>
      </h1>
      <div className="columns">
        <section aria-labelledby="summary">
          <h2 id="summary">{t.casePage.summary}</h2>
          <dl className="facts">
            <dt>{t.cases.municipality}</dt>
            <dd>{c.municipalityName}</dd>
            <dt>{t.casePage.status}</dt>
            <dd>{c.status ?? '—'}</dd>
            <dt>{t.casePage.risk}</dt>
            <dd>{label(t.risk, c.riskLevel)}</dd>
            <dt>{t.casePage.officer}</dt>
            <dd>{c.officer ?? '—'}</dd>
            <dt>{t.casePage.registered}</dt>
            <dd>{formatDateTime(c.registeredAt, language)}</dd>
            <dt>{t.casePage.returnDate}</dt>
            <dd>{formatDate(c.returnDate, language)}</dd>
            <dt>{t.casePage.episode}</dt>
            <dd>
              {c.episodeNumber ?? '—'}
              {c.minor ? ` · ${t.cases.minor}` : ''}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="workflow" data-testid="workflow-state">
          <h2 id="workflow">{t.casePage.workflow}</h2>
          {live.status === 'not-started' && <p>{t.casePage.workflowNotStarted}</p>}
          {live.status === 'unavailable' && (
            <p className="muted">{t.casePage.workflowUnavailable}</p>
          )}
          {'state' in live && (
            <>
              <dl className="facts">
                <dt>{t.casePage.phase}</dt>
                <dd data-testid="workflow-phase">
                  {label(t.phases, live.state.phase)} (
                  {live.status === 'running' ? t.casePage.running : t.casePage.finished})
                </dd>
                {live.state.paused && (
                  <>
                    <dt>{t.casePage.paused}</dt>
                    <dd data-testid="workflow-paused">✓</dd>
                  </>
                )}
                <dt>{t.casePage.officer}</dt>
                <dd data-testid="workflow-officer">{live.state.assignedOfficer ?? '—'}</dd>
                <dt>{t.casePage.nextFollowUp}</dt>
                <dd>{formatDateTime(live.state.nextFollowUpAt, language)}</dd>
              </dl>
              <h3>{t.casePage.openDeadlines}</h3>
              {live.openReferrals.length === 0 ? (
                <p>{t.casePage.noDeadlines}</p>
              ) : (
                <ul className="plain">
                  {live.openReferrals.map((r) => (
                    <li key={r.referralId} className={r.overdue ? 'alarm-text' : undefined}>
                      {label(t.services, r.service)} · {label(t.statuses, r.status)} ·{' '}
                      {formatDateTime(r.acknowledgeBy, language)}
                      {r.overdue ? ` · ${t.casePage.overdueTag}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          {live.status === 'running' && 'state' in live && (
            <PathActions
              caseId={c.caseId}
              paused={live.state.paused ?? false}
              officer={live.state.assignedOfficer}
              onChanged={reload}
            />
          )}
          {data.workflowUrl && (
            <p>
              <a
                href={data.workflowUrl}
                target="_blank"
                rel="noreferrer"
                data-testid="temporal-link"
              >
                {t.casePage.workflowLink} ↗
              </a>
            </p>
          )}
          {data.traceUrl && (
            <p>
              <a href={data.traceUrl} target="_blank" rel="noreferrer" data-testid="trace-link">
                {t.casePage.traceLink} ↗
              </a>
            </p>
          )}
        </section>
      </div>
      <section aria-labelledby="referrals">
        <h2 id="referrals">{t.casePage.referrals}</h2>
        {data.referrals.length === 0 ? (
          <p>{t.casePage.noReferrals}</p>
        ) : (
          <DataTable
            columns={[
              t.cases.service,
              t.cases.priority,
              t.casePage.phase,
              t.casePage.deadline,
              t.casePage.escalations,
              t.casePage.providers,
            ]}
          >
            {data.referrals.map((r) => (
              <tr key={r.referralId} data-testid="referral-row">
                <td>{label(t.services, r.service)}</td>
                <td>{label(t.priorities, r.priority)}</td>
                <td>
                  {label(t.statuses, r.status)}
                  {r.reasonCode ? ` (${r.reasonCode})` : ''}
                </td>
                <td className={r.overdue ? 'alarm-text' : undefined}>
                  {formatDateTime(r.acknowledgeBy, language)}
                  {r.overdue ? ` · ${t.casePage.overdueTag}` : ''}
                </td>
                <td>{r.escalations}</td>
                <td>
                  {r.confidential ? (
                    <em>{t.casePage.confidential}</em>
                  ) : (
                    (r.providerIds ?? []).join(', ')
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {data.followUps.length > 0 && (
        <section aria-labelledby="follow-ups">
          <h2 id="follow-ups">{t.casePage.followUps}</h2>
          <ul className="plain">
            {data.followUps.map((f) => (
              <li key={f.wave} className={f.overdue ? 'alarm-text' : undefined}>
                {t.casePage.wave} {f.wave} · {t.casePage.due} {formatDate(f.dueAt, language)}
                {f.completedAt
                  ? ` · ${t.casePage.done} ${formatDate(f.completedAt, language)}`
                  : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.scores.length > 0 && (
        <section aria-labelledby="scores">
          <h2 id="scores">{t.casePage.scores}</h2>
          <ul className="plain">
            {data.scores.map((s) => (
              <li key={`${s.wave}`}>
                {s.wave === 0 ? t.indicators.baseline : `${t.casePage.wave} ${s.wave}`}:{' '}
                {s.composite ?? '—'} (E {s.economic ?? '—'} · S {s.social ?? '—'} · P{' '}
                {s.psychosocial ?? '—'})
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="timeline">
        <h2 id="timeline">{t.casePage.timeline}</h2>
        <ol className="timeline" data-testid="timeline">
          {data.timeline.map((entry) => (
            <li key={entry.eventId}>
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, language)}</time>{' '}
              <strong>{t.events[entry.type] ?? entry.type}</strong>{' '}
              <span className="muted">{detail(entry, t)}</span>{' '}
              <span className="muted">
                {t.casePage.by} {entry.actor}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
