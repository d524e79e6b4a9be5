import { Loading, ProblemMessage } from '@reintegra/ui-web';
import { api, community } from '../../api';
import { useI18n } from '../../i18n';
import type { Claims } from '../../roles';
import { OpenCard } from '../open-card';
import { ActivityDetail } from './activity-detail';
import { CoDesign } from './co-design';
import type { Activity } from './community-data';
import { SessionAttendance } from './session-attendance';

/**
 * The community facilitator's screens: their activities, one activity's people (sustained
 * participation, who stopped coming, sessions), and a session's attendance taken on the phone,
 * with or without a network.
 */
export function Community(props: { path: string[]; claims: Claims }) {
  const [activityId, part, sessionId] = props.path;
  if (activityId && part === 'sessions' && sessionId)
    return <SessionAttendance activityId={activityId} sessionId={sessionId} />;
  if (activityId && part === 'co-design') return <CoDesign activityId={activityId} />;
  if (activityId) return <ActivityDetail activityId={activityId} />;
  return <MyActivities claims={props.claims} />;
}

function MyActivities(props: { claims: Claims }) {
  const { t } = useI18n();
  const m = t.community;
  const list = api.useApi<Activity[]>(community('/activities?open=true'));
  // The service shows the whole municipality; the facilitator's own come first and only.
  const mine = list.data?.filter(
    (a) =>
      a.facilitators.includes(props.claims.subject) || a.providerId === props.claims.organisationId,
  );
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <ProblemMessage problem={list.error} genericTitle={t.genericError} />
      {list.loading && !list.data && <Loading label={t.loading} />}
      {mine && mine.length === 0 && <p>{m.none}</p>}
      {mine && mine.length > 0 && (
        <ul className="inbox" data-testid="activities">
          {mine.map((activity) => (
            <OpenCard
              key={activity.id}
              testId="activity"
              title={activity.title}
              href={`#/community/${activity.id}`}
              openLabel={m.open(activity.title)}
              openText={m.openShort}
            >
              <p className="muted">
                {m.kinds[activity.kind] ?? activity.kind} · {activity.publicSpace} ·{' '}
                {activity.schedule}
              </p>
              <p>{m.seats(activity.seatsTaken, activity.capacity)}</p>
            </OpenCard>
          ))}
        </ul>
      )}
    </>
  );
}
