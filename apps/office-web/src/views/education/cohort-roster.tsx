import { type FormEvent, useState } from 'react';
import {
  focusLater,
  FormActions,
  Loading,
  ProblemMessage,
  problemOf,
  ReasonField,
  type Problem,
} from '@reintegra/ui-web';
import { api, education } from '../../api';
import { useI18n } from '../../i18n';
import { AttendanceSheet } from './attendance-sheet';
import type { Cohort } from './cohorts';
import { type Enrolment, personOf } from './education-data';

const SEATED = ['enrolled', 'attending'];

export function CohortRoster(props: { cohortId: string }) {
  const { t } = useI18n();
  const m = t.education;
  const cohort = api.useApi<Cohort>(education(`/cohorts/${props.cohortId}`));
  const roster = api.useApi<Enrolment[]>(education(`/cohorts/${props.cohortId}/enrolments`));
  const [notice, setNotice] = useState<string>();
  const [taking, setTaking] = useState(false);
  const rows = roster.data ?? [];
  const live = rows.filter((row) => row.status !== 'dropped' && row.status !== 'completed');
  const seated = rows.filter((row) => SEATED.includes(row.status));
  const reload = () => {
    cohort.reload();
    roster.reload();
  };
  // The service fills the freed seat from the waitlist at once: say who moved in.
  const afterDrop = async (dropped: Enrolment) => {
    const after = await api
      .apiGet<Enrolment[]>(education(`/cohorts/${props.cohortId}/enrolments`))
      .catch(() => [] as Enrolment[]);
    const promoted = after.filter(
      (row) =>
        SEATED.includes(row.status) &&
        rows.find((before) => before.id === row.id)?.status === 'waitlisted',
    );
    setNotice(
      [
        m.dropped(personOf(m.person, dropped)),
        ...promoted.map((row) => m.promoted(personOf(m.person, row))),
      ].join(' '),
    );
    reload();
    focusLater('roster-notice');
  };
  return (
    <>
      <p>
        <a href="#/education-groups">{m.back}</a>
      </p>
      <h1>{cohort.data?.name ?? m.title}</h1>
      {cohort.data && (
        <p data-testid="cohort-seats">
          {m.seats(cohort.data.seatsTaken, cohort.data.seats)} ·{' '}
          {m.waitlist(cohort.data.waitlistLength)}
        </p>
      )}
      {notice && (
        <p
          className="notice"
          role="status"
          data-testid="roster-notice"
          id="roster-notice"
          tabIndex={-1}
        >
          {notice}
        </p>
      )}
      <ProblemMessage problem={cohort.error ?? roster.error} genericTitle={t.genericError} />
      {roster.loading && !roster.data && <Loading label={t.loading} />}
      <section aria-labelledby="roster-title">
        <h2 id="roster-title">{m.roster}</h2>
        {roster.data && live.length === 0 && <p>{m.nobody}</p>}
        <ul className="inbox" data-testid="roster">
          {live.map((row) => (
            <li key={row.id} className="card" data-testid="enrolment" data-case-id={row.caseId}>
              <h3 className="item-title">{personOf(m.person, row)}</h3>
              <p data-testid="enrolment-status">
                {m.statuses[row.status] ?? row.status}
                {row.waitlistPosition ? ` · ${m.position(row.waitlistPosition)}` : ''}
                {row.consecutiveAbsences ? ` · ${m.absences(row.consecutiveAbsences)}` : ''}
              </p>
              <DropEnrolment enrolment={row} onDropped={() => void afterDrop(row)} />
            </li>
          ))}
        </ul>
      </section>
      {taking ? (
        <AttendanceSheet
          cohortId={props.cohortId}
          seated={seated}
          onSaved={(message) => {
            setTaking(false);
            setNotice(message);
            reload();
          }}
          onCancel={() => setTaking(false)}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setTaking(true);
            focusLater('attendance-title');
          }}
          disabled={seated.length === 0}
        >
          {m.attendance}
        </button>
      )}
      {roster.data && seated.length === 0 && <p className="muted">{m.noOneToMark}</p>}
    </>
  );
}

function DropEnrolment(props: { enrolment: Enrolment; onDropped: () => void }) {
  const { t } = useI18n();
  const m = t.education;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const who = personOf(m.person, props.enrolment);
  const prefix = `drop-${props.enrolment.id.slice(0, 8)}`;
  if (!open) {
    return (
      <button
        type="button"
        className="secondary"
        aria-label={m.dropLabel(who)}
        onClick={() => {
          setOpen(true);
          focusLater(`${prefix}-reasonCode`);
        }}
      >
        {m.drop}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api.apiPost(education(`/enrolments/${props.enrolment.id}/drop`), {
        reasonCode: reason,
      });
      props.onDropped();
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ProblemMessage problem={problem} genericTitle={t.genericError} />
      <ReasonField
        idPrefix={prefix}
        label={m.dropReason}
        placeholder={m.chooseReason}
        reasons={m.dropReasons}
        value={reason}
        onChange={setReason}
        required
      />
      <FormActions
        submit={m.confirmDrop}
        busy={busy || reason === ''}
        cancel={m.cancel}
        onCancel={() => setOpen(false)}
      />
    </form>
  );
}
