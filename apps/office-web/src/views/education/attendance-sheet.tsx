import { type FormEvent, useState } from 'react';
import {
  FormActions,
  ProblemMessage,
  splitFieldErrors,
  TextField,
  useFormProblem,
} from '@reintegra/ui-web';
import { api, education } from '../../api';
import { useI18n } from '../../i18n';
import { AttendanceChoice } from '../attendance-choice';
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
  // The shared save: busy while it runs, the problem kept (its formRef stays unused, so focus
  // stays where it was, as before).
  const { problem, setProblem, busy, submit } = useFormProblem();
  const { byField } = splitFieldErrors(problem, ['heldOn']);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    await submit(async () => {
      const attendance = props.seated.map((row) => ({
        enrolmentId: row.id,
        present: present[row.id] ?? true,
      }));
      await api.apiPost(education(`/cohorts/${props.cohortId}/sessions`), { heldOn, attendance });
      props.onSaved(
        m.attendanceSaved(attendance.filter((row) => row.present).length, attendance.length),
      );
    });
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
              <AttendanceChoice
                name={`present-${row.id}`}
                who={who}
                present={present[row.id] ?? true}
                onChoose={(came) => setPresent((all) => ({ ...all, [row.id]: came }))}
                words={m}
              />
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
