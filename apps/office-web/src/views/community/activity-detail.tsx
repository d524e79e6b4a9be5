import { useEffect, useRef, useState } from 'react';
import { Loading, navigate, type Problem, ProblemMessage, problemOf } from '@reintegra/ui-web';
import { api, community } from '../../api';
import { useI18n } from '../../i18n';
import { nameOf, type Standing, todayInSv, useActivityData } from './community-data';
import { MarksStatus } from './marks-status';
import { useMarks } from './marks-sync';

/**
 * One activity: its place and schedule, who stopped coming (first, in plain words), every
 * participant's sustained participation, and its sessions to take attendance of. Refreshed after
 * each batch of marks reaches the service.
 */
export function ActivityDetail(props: { activityId: string }) {
  const { t } = useI18n();
  const m = t.community;
  const { data, fromDevice, problem, missing, reload } = useActivityData(props.activityId);
  const marks = useMarks();
  const [failure, setFailure] = useState<Problem>();
  const wasSyncing = useRef(false);
  useEffect(() => {
    if (wasSyncing.current && !marks.syncing) reload();
    wasSyncing.current = marks.syncing;
  }, [marks.syncing, reload]);

  const newSession = async () => {
    try {
      const session = await api.apiPost<{ id: string }>(
        community(`/activities/${props.activityId}/sessions`),
        { id: crypto.randomUUID(), heldOn: todayInSv() },
      );
      navigate(`#/community/${props.activityId}/sessions/${session.id}`);
    } catch (error) {
      setFailure(problemOf(error));
    }
  };

  if (problem) return <ProblemMessage problem={problem} genericTitle={t.genericError} />;
  if (missing) return <p className="warning">{m.notKept}</p>;
  if (!data) return <Loading label={t.loading} />;
  const { activity, participation, sessions } = data;
  const who = (person: Standing) => nameOf(person, m.origins, m.noName);
  const dropped = participation.people
    .filter((p) => p.droppingOff)
    .sort((a, b) => b.trailingAbsences - a.trailingAbsences);
  return (
    <>
      <p>
        <a href="#/community">{m.back}</a>
      </p>
      <h1>{activity.title}</h1>
      <MarksStatus marks={marks} />
      {fromDevice && <p className="warning">{m.fromDevice}</p>}
      <dl className="facts">
        <dt>{m.place}</dt>
        <dd>
          {m.kinds[activity.kind] ?? activity.kind} · {activity.publicSpace}
        </dd>
        <dt>{m.schedule}</dt>
        <dd>{activity.schedule}</dd>
      </dl>
      <p data-testid="seats">{m.seats(activity.seatsTaken, activity.capacity)}</p>
      <p>
        <a href={`#/community/${activity.id}/co-design`}>{m.codesign.open}</a>
      </p>

      <section aria-labelledby="drop-offs-title">
        <h2 id="drop-offs-title">{m.dropOffsTitle}</h2>
        {dropped.length === 0 ? (
          <p>{m.dropOffsNone}</p>
        ) : (
          <ul data-testid="drop-offs">
            {dropped.map((person) => (
              <li key={person.participantId} className="warning">
                <strong>{who(person)}</strong> — {m.droppedOff(person.trailingAbsences)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{m.sessions}</h2>
        <ProblemMessage problem={failure} genericTitle={t.genericError} />
        <button type="button" onClick={() => void newSession()}>
          {m.newSession}
        </button>
        {sessions.length === 0 ? (
          <p>{m.noSessions}</p>
        ) : (
          <ul className="inbox" data-testid="sessions">
            {sessions.map((session) => (
              <li key={session.id} className="card">
                <span>
                  {m.sessionOf(session.heldOn, session.present)}
                  {session.sensitive && ` · ${m.sensitive}`}
                </span>{' '}
                <a
                  className="button-link"
                  href={`#/community/${activity.id}/sessions/${session.id}`}
                  aria-label={m.takeAttendanceOf(session.heldOn)}
                >
                  {m.takeAttendance}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="people-title">
        <h2 id="people-title">{m.people}</h2>
        <p data-testid="participation-summary">
          {m.summary(participation.sustained, participation.participants)}
        </p>
        <p className="muted">
          {m.rule(
            Math.round(participation.rule.minShare * 100),
            participation.rule.minSessions,
            participation.rule.dropOffAbsences,
          )}
        </p>
        <ul className="inbox" data-testid="people">
          {participation.people.map((person) => (
            <li key={person.participantId} className="card" data-testid="person">
              <strong>{who(person)}</strong>
              <span className="muted"> · {m.origins[person.origin ?? ''] ?? person.origin}</span>
              <br />
              {m.attended(person.attendedSessions, person.eligibleSessions)}
              {m.streak(person.currentStreak) && ` · ${m.streak(person.currentStreak)}`}
              {person.sustained && <span className="tag ok"> {m.sustained}</span>}
              {person.droppingOff && (
                <span className="warning"> {m.droppedOff(person.trailingAbsences)}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
