import { formatDate, formatDateTime, label, type Problem } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import type { PathView } from './workspace-data';

/** An entry's words: the event type, else its family (`referral.requested.urgent` → requested). */
function eventLabel(events: Record<string, string>, eventType: string): string | undefined {
  const parts = eventType.split('.');
  for (let size = parts.length; size > 0; size--) {
    const found = events[parts.slice(0, size).join('.')];
    if (found) return found;
  }
  return undefined;
}

/** The path as the workflow keeps it: phase, next follow-up and its history, oldest first. */
export function TimelineSection(props: {
  caseId: string;
  path: { data?: PathView; error?: Problem };
}) {
  const { t, language } = useI18n();
  const { data, error } = props.path;
  return (
    <section aria-labelledby="path-title">
      <h2 id="path-title">{t.workspace.path}</h2>
      {error && (
        <p role="status">
          {error.code === 'path.not-started' ? t.workspace.pathNotStarted : error.title}
        </p>
      )}
      {data && (
        <>
          {data.caseId !== props.caseId && <p className="muted">{t.workspace.pathOfLatest}</p>}
          <dl className="facts">
            <dt>{t.workspace.phase}</dt>
            <dd data-testid="path-phase">{label(t.phases, data.path.phase)}</dd>
            <dt>{t.workspace.openedAt}</dt>
            <dd>{formatDateTime(data.path.openedAt, language)}</dd>
            <dt>{t.workspace.nextFollowUp}</dt>
            <dd>
              {data.nextFollowUp
                ? `${formatDate(data.nextFollowUp.dueAt, language)} (${t.workspace.wave(data.nextFollowUp.wave)})`
                : '—'}
            </dd>
          </dl>
          <h3>{t.workspace.history}</h3>
          <ol className="timeline" data-testid="timeline">
            {data.path.history.map((entry, index) => (
              <li key={`${index}:${entry.at}:${entry.eventType}`}>
                {formatDateTime(entry.at, language)} ·{' '}
                <strong>
                  {eventLabel(t.workspace.events, entry.eventType) ?? label(t.phases, entry.phase)}
                </strong>{' '}
                <span className="muted">({label(t.phases, entry.phase)})</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
