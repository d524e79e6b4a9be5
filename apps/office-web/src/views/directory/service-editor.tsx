import { type FormEvent, useState } from 'react';
import {
  fieldMessages,
  focusLater,
  FormActions,
  label,
  ProblemMessage,
  problemOf,
  SelectField,
  TextField,
  type Problem,
  useFormProblem,
} from '@reintegra/ui-web';
import { api, directory } from '../../api';
import { useI18n } from '../../i18n';
import {
  DAYS,
  DOCUMENTS,
  type DirectoryService,
  numberOf,
  type ScheduleDraft,
  scheduleDraftOf,
  scheduleOf,
  STATUSES,
} from './directory-data';

/** The problem of a call, or undefined when it went through. */
async function attempt(call: () => Promise<unknown>): Promise<Problem | undefined> {
  try {
    await call();
    return undefined;
  } catch (failure) {
    return problemOf(failure);
  }
}

/** The capacity call names its field `available`: its errors go beside "free places". */
const renamed = (problem: Problem | undefined): Problem | undefined =>
  problem && {
    ...problem,
    ...(problem.errors && {
      errors: problem.errors.map((e) => ({
        ...e,
        field: e.field === 'available' ? 'capacityAvailable' : e.field,
      })),
    }),
  };

const textOf = (value: number | null) => (value === null ? '' : String(value));
/** The fields shown with their errors beside them (the rest go to the summary). */
const SHOWN = ['status', 'capacityAvailable', 'minimumAge', 'maximumAge', 'schedules'];

/**
 * An admin's changes to one service: status, free places, hours and who it is for. The directory
 * keeps no versions (no ETag), so the form says the last save stays.
 */
export function ServiceEditor(props: {
  service: DirectoryService;
  onDone: (message?: string) => void;
}) {
  const { t } = useI18n();
  const m = t.directory;
  const { service } = props;
  const prefix = `service-${service.id}`;
  const [status, setStatus] = useState(service.status);
  const [places, setPlaces] = useState(textOf(service.capacityReported));
  const [minimumAge, setMinimumAge] = useState(textOf(service.minimumAge));
  const [maximumAge, setMaximumAge] = useState(textOf(service.maximumAge));
  const [womenOnly, setWomenOnly] = useState(service.womenOnly);
  const [documents, setDocuments] = useState(service.requiredDocuments);
  const [schedules, setSchedules] = useState<ScheduleDraft[]>(
    service.schedules.map(scheduleDraftOf),
  );
  const { problem, busy, formRef, submit } = useFormProblem();
  const errors = (field: string) => fieldMessages(problem, field, true);
  const setSchedule = (index: number, patch: Partial<ScheduleDraft>) =>
    setSchedules((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit(async () => {
      await api.request('PATCH', directory(`/services/${service.id}`), {
        status,
        minimumAge: numberOf(minimumAge),
        maximumAge: numberOf(maximumAge),
        womenOnly,
        requiredDocuments: documents,
        schedules: schedules.map(scheduleOf),
      });
      // Free places are a call of their own; its errors are renamed to the form's field.
      if (places === textOf(service.capacityReported)) return undefined;
      return renamed(
        await attempt(() =>
          api.apiPut(directory(`/services/${service.id}/capacity`), {
            available: numberOf(places),
          }),
        ),
      );
    });
    if (saved) props.onDone(m.saved(service.name));
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void save(event)}
      aria-label={m.editTitle(service.name)}
      data-testid="service-editor"
    >
      <p className="muted">{m.lastWriteWins}</p>
      <div className="grid">
        <SelectField
          idPrefix={prefix}
          name="status"
          label={m.status}
          value={status}
          errors={errors('status')}
          onChange={(e) => setStatus(e.target.value)}
        >
          {STATUSES.map((code) => (
            <option key={code} value={code}>
              {label(m.statuses, code)}
            </option>
          ))}
        </SelectField>
        <TextField
          idPrefix={prefix}
          name="capacityAvailable"
          type="number"
          min={0}
          inputMode="numeric"
          label={m.freePlacesField}
          help={service.capacityLive !== null ? m.freePlacesLiveHelp : undefined}
          value={places}
          errors={errors('capacityAvailable')}
          onChange={(e) => setPlaces(e.target.value)}
        />
        <TextField
          idPrefix={prefix}
          name="minimumAge"
          type="number"
          min={0}
          inputMode="numeric"
          label={m.minimumAge}
          help={m.ageHelp}
          value={minimumAge}
          errors={errors('minimumAge')}
          onChange={(e) => setMinimumAge(e.target.value)}
        />
        <TextField
          idPrefix={prefix}
          name="maximumAge"
          type="number"
          min={0}
          inputMode="numeric"
          label={m.maximumAge}
          help={m.ageHelp}
          value={maximumAge}
          errors={errors('maximumAge')}
          onChange={(e) => setMaximumAge(e.target.value)}
        />
      </div>
      <div className="check">
        <input
          id={`${prefix}-womenOnly`}
          type="checkbox"
          checked={womenOnly}
          onChange={(e) => setWomenOnly(e.target.checked)}
        />
        <label htmlFor={`${prefix}-womenOnly`}>{m.womenOnlyField}</label>
      </div>
      <fieldset>
        <legend>{m.requiredDocuments}</legend>
        {DOCUMENTS.map((code) => (
          <div className="check" key={code}>
            <input
              id={`${prefix}-document-${code}`}
              type="checkbox"
              checked={documents.includes(code)}
              onChange={(e) =>
                setDocuments((list) =>
                  e.target.checked ? [...list, code] : list.filter((c) => c !== code),
                )
              }
            />
            <label htmlFor={`${prefix}-document-${code}`}>{label(m.documents, code)}</label>
          </div>
        ))}
      </fieldset>
      <h3>{m.schedules}</h3>
      {schedules.map((row, index) => (
        <ScheduleRow
          key={index}
          idPrefix={`${prefix}-schedule-${index}`}
          index={index}
          row={row}
          errors={errors(`schedules.${index}`)}
          onChange={(patch) => setSchedule(index, patch)}
          onRemove={() => {
            setSchedules((rows) => rows.filter((_, i) => i !== index));
            focusLater(`${prefix}-add-schedule`);
          }}
        />
      ))}
      <p>
        <button
          type="button"
          className="secondary"
          id={`${prefix}-add-schedule`}
          onClick={() => {
            setSchedules((rows) => [
              ...rows,
              { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '16:00' },
            ]);
            focusLater(`${prefix}-schedule-${schedules.length}-opens`);
          }}
        >
          {m.addSchedule}
        </button>
      </p>
      <ProblemMessage problem={problem} genericTitle={t.genericError} shownFields={SHOWN} />
      <FormActions submit={m.save} busy={busy} cancel={m.cancel} onCancel={() => props.onDone()} />
    </form>
  );
}

function ScheduleRow(props: {
  idPrefix: string;
  index: number;
  row: ScheduleDraft;
  errors: string[] | undefined;
  onChange: (patch: Partial<ScheduleDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const m = t.directory;
  const { row, idPrefix } = props;
  return (
    <fieldset data-testid="schedule-row">
      <legend>{m.scheduleRow(props.index + 1)}</legend>
      <div className="days">
        {DAYS.map((day) => (
          <span className="check" key={day}>
            <input
              id={`${idPrefix}-${day}`}
              type="checkbox"
              checked={row.days.includes(day)}
              onChange={(e) =>
                props.onChange({
                  days: e.target.checked ? [...row.days, day] : row.days.filter((d) => d !== day),
                })
              }
            />
            <label htmlFor={`${idPrefix}-${day}`}>
              <span aria-hidden="true">{m.days[day]}</span>
              <span className="visually-hidden">{m.dayNames[day]}</span>
            </label>
          </span>
        ))}
      </div>
      <div className="grid">
        <TextField
          idPrefix={idPrefix}
          name="opens"
          type="time"
          label={m.opens}
          value={row.opens}
          errors={props.errors}
          onChange={(e) => props.onChange({ opens: e.target.value })}
        />
        <TextField
          idPrefix={idPrefix}
          name="closes"
          type="time"
          label={m.closes}
          value={row.closes}
          onChange={(e) => props.onChange({ closes: e.target.value })}
        />
      </div>
      <button type="button" className="secondary" onClick={props.onRemove}>
        {m.removeSchedule(props.index + 1)}
      </button>
    </fieldset>
  );
}
