import { type FormEvent, useState } from 'react';
import {
  FormActions,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
  TextField,
  type Problem,
} from '@reintegra/ui-web';
import { api, education } from '../../api';
import { useI18n } from '../../i18n';
import { type Enrolment, personOf } from './education-data';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * One session's attendance, taken on a phone in the classroom: everyone seated is listed with
 * two big choices (came / did not come, "came" preselected), saved in one request — all rows or
 * none, as the service records them.
 */
export function AttendanceSheet(props: {
  cohortId: string;
  seated: readonly Enrolment[];
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const m = t.education;
  const [heldOn, setHeldOn] = useState(today());
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(props.seated.map((row) => [row.id, true])),
  );
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const { byField } = splitFieldErrors(problem, ['heldOn']);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const attendance = props.seated.map((row) => ({
        enrolmentId: row.id,
        present: present[row.id] ?? true,
      }));
      await api.apiPost(education(`/cohorts/${props.cohortId}/sessions`), { heldOn, attendance });
      props.onSaved(
        m.attendanceSaved(attendance.filter((row) => row.present).length, attendance.length),
      );
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} className="attendance" noValidate>
      <h2 id="attendance-title" tabIndex={-1}>
        {m.attendanceTitle}
      </h2>
      <ProblemMessage problem={problem} genericTitle={t.genericError} shownFields={['heldOn']} />
      <TextField
        idPrefix="attendance"
        name="heldOn"
        type="date"
        label={m.heldOn}
        value={heldOn}
        max={today()}
        onChange={(e) => setHeldOn(e.target.value)}
        errors={byField['heldOn']}
        required
      />
      <ul className="attendance-list" data-testid="attendance-list">
        {props.seated.map((row) => {
          const who = personOf(m.person, row);
          return (
            <li key={row.id}>
              <fieldset className="attendance-choice">
                <legend>{who}</legend>
                {([true, false] as const).map((came) => (
                  <label key={String(came)} className="big-choice">
                    <input
                      type="radio"
                      name={`present-${row.id}`}
                      checked={(present[row.id] ?? true) === came}
                      onChange={() => setPresent((all) => ({ ...all, [row.id]: came }))}
                      aria-label={came ? m.presentOf(who) : m.absentOf(who)}
                    />
                    <span aria-hidden="true">{came ? m.present : m.absent}</span>
                  </label>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ul>
      <FormActions
        submit={m.saveAttendance}
        busy={busy}
        cancel={m.cancel}
        onCancel={props.onCancel}
      />
    </form>
  );
}
