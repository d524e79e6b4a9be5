import { useState } from 'react';
import { Loading, ProblemMessage } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import { AttendanceChoice } from '../attendance-choice';
import { nameOf, useActivityData } from './community-data';
import { tap } from './marks-model';
import { MarksStatus } from './marks-status';
import { ReflectionNotes } from './reflection-notes';
import { keepMarks, useMarks } from './marks-sync';

/**
 * A session's attendance on the phone: every participant with two big choices, one tap each.
 * Each tap is kept on the phone at once (sealed) and sent when there is a network — now, or when
 * it comes back; tapping again corrects the mark.
 */
export function SessionAttendance(props: { activityId: string; sessionId: string }) {
  const { t } = useI18n();
  const m = t.community;
  const { data, fromDevice, problem, missing } = useActivityData(props.activityId);
  const marks = useMarks();
  // The tap shows at once; the stored mark follows a moment later.
  const [tapped, setTapped] = useState<Record<string, boolean>>({});

  if (problem) return <ProblemMessage problem={problem} genericTitle={t.genericError} />;
  if (missing) return <p className="warning">{m.notKept}</p>;
  if (!data) return <Loading label={t.loading} />;
  const session = data.sessions.find((s) => s.id === props.sessionId);
  const people = data.participation.people;
  const stored = new Map(
    marks.marks
      .filter((mark) => mark.sessionId === props.sessionId)
      .map((mark) => [mark.participantId, mark]),
  );
  const presentOf = (participantId: string) =>
    tapped[participantId] ?? stored.get(participantId)?.present;
  const marked = people.filter((p) => presentOf(p.participantId) !== undefined).length;
  const mark = (participantId: string, present: boolean) => {
    setTapped((all) => ({ ...all, [participantId]: present }));
    void keepMarks([
      tap(
        { sessionId: props.sessionId, activityId: props.activityId, participantId },
        present,
        crypto.randomUUID(),
        new Date(),
      ),
    ]);
  };
  return (
    <>
      <p>
        <a href={`#/community/${props.activityId}`}>{m.backToActivity}</a>
      </p>
      <h1>{m.attendanceTitle(session?.heldOn ?? '')}</h1>
      <p className="muted">
        {data.activity.title} · {m.attendanceHelp}
      </p>
      <MarksStatus marks={marks} />
      {fromDevice && (
        <p className="warning" data-testid="from-device">
          {m.fromDevice}
        </p>
      )}
      <p data-testid="marked-count" aria-live="polite">
        {m.marked(marked, people.length)}
      </p>
      <ul className="attendance-list" data-testid="attendance-list">
        {people.map((person) => {
          const who = nameOf(person, m.origins, m.noName);
          const present = presentOf(person.participantId);
          return (
            <li key={person.participantId} data-testid="attendance-row">
              <AttendanceChoice
                name={`present-${person.participantId}`}
                who={who}
                present={present}
                onChoose={(came) => mark(person.participantId, came)}
                words={m}
              />
            </li>
          );
        })}
      </ul>
      {session?.sensitive && <ReflectionNotes sessionId={props.sessionId} />}
      <p>
        <a href={`#/community/${props.activityId}`}>{m.backToActivity}</a>
      </p>
    </>
  );
}
