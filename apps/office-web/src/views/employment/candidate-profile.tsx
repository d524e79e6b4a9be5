import { type FormEvent, useState } from 'react';
import {
  ApiError,
  FormActions,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
  TextField,
  type Problem,
} from '@reintegra/ui-web';
import { api, employment } from '../../api';
import { useI18n } from '../../i18n';
import { type Occupation, OccupationCombobox } from './occupation-combobox';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SHIFTS = ['morning', 'afternoon', 'night'];

export interface Candidate {
  caseId: string;
  code: string;
  profiled: boolean;
  version: number;
}

/** The skills profile the caseworker records with the person (If-Match: the version read). */
export function CandidateProfile(props: {
  candidate: Candidate;
  onSaved: () => void;
  onStale: () => void;
}) {
  const { t } = useI18n();
  const m = t.employment;
  const [occupation, setOccupation] = useState<Occupation>();
  const [yearsLocal, setYearsLocal] = useState('0');
  const [yearsAbroad, setYearsAbroad] = useState('0');
  const [days, setDays] = useState<string[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [shifts, setShifts] = useState<string[]>(['morning']);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const fields = ['occupations', 'occupations.0.yearsLocal', 'occupations.0.yearsAbroad'];
  const { byField } = splitFieldErrors(problem, [...fields, 'availability']);
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((item) => item !== value);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api.apiPut(
        employment(`/candidates/${props.candidate.caseId}/profile`),
        {
          occupations: occupation
            ? [
                {
                  iscoCode: occupation.iscoCode,
                  yearsLocal: Number(yearsLocal || 0),
                  yearsAbroad: Number(yearsAbroad || 0),
                },
              ]
            : [],
          skills: [],
          certifications: [],
          availability: { days, shifts },
        },
        { 'if-match': `"${props.candidate.version}"` },
      );
      props.onSaved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.problem.status === 412) props.onStale();
      else setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const checkboxes = (
    legend: string,
    values: string[],
    names: Record<string, string>,
    chosen: string[],
    set: (next: string[]) => void,
  ) => (
    <fieldset className="field">
      <legend>{legend}</legend>
      {values.map((value) => (
        <div className="check" key={value}>
          <input
            type="checkbox"
            id={`profile-${value}`}
            checked={chosen.includes(value)}
            onChange={(e) => set(toggle(chosen, value, e.target.checked))}
          />
          <label htmlFor={`profile-${value}`}>{names[value] ?? value}</label>
        </div>
      ))}
    </fieldset>
  );
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{m.profile}</h2>
      <p className="muted">{m.profileHelp}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <ProblemMessage
          problem={problem}
          genericTitle={t.genericError}
          shownFields={[...fields, 'availability']}
        />
        <OccupationCombobox id="profile-occupation" chosen={occupation} onChoose={setOccupation} />
        <div className="grid">
          <TextField
            idPrefix="profile"
            name="yearsLocal"
            type="number"
            min={0}
            max={60}
            label={m.yearsLocal}
            value={yearsLocal}
            onChange={(e) => setYearsLocal(e.target.value)}
            errors={byField['occupations.0.yearsLocal']}
          />
          <TextField
            idPrefix="profile"
            name="yearsAbroad"
            type="number"
            min={0}
            max={60}
            label={m.yearsAbroad}
            value={yearsAbroad}
            onChange={(e) => setYearsAbroad(e.target.value)}
            errors={byField['occupations.0.yearsAbroad']}
          />
          {checkboxes(m.days, DAYS, m.dayNames, days, setDays)}
          {checkboxes(m.shifts, SHIFTS, m.shiftNames, shifts, setShifts)}
        </div>
        <FormActions submit={m.saveProfile} busy={busy} />
      </form>
    </section>
  );
}
