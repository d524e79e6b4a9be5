import { type FormEvent, useState } from 'react';
import {
  Loading,
  type Problem,
  ProblemMessage,
  problemOf,
  ReasonField,
  TextField,
} from '@reintegra/ui-web';
import { api, employment } from '../../api';
import { useI18n } from '../../i18n';

interface Match {
  vacancyId: string;
  title: string;
  employerName: string;
  postsAvailable: number;
  score: number;
  summary: { es: string; en: string };
}

interface Placement {
  id: string;
  vacancyTitle: string;
  status: string;
  startsOn: string | null;
  retention: { day30: boolean | null; day90: boolean | null };
}

const today = () => new Date().toISOString().slice(0, 10);
/** A retention check is asked for from its day on (30 days after the first day of work). */
const dueOn = (startsOn: string | null, days: number) =>
  startsOn !== null && Date.parse(startsOn) + days * 86_400_000 <= Date.parse(today());

/** The vacancies ranked for the person, each with why, and the placements that followed. */
export function CandidateMatches(props: { caseId: string; version: number }) {
  const { t, language } = useI18n();
  const m = t.employment;
  const matches = api.useApi<Match[]>(
    employment(`/candidates/${props.caseId}/matches?limit=5&v=${props.version}`),
  );
  const placements = api.useApi<Placement[]>(employment(`/placements?caseId=${props.caseId}`));
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const act = async (path: string, body: unknown, message: string) => {
    setProblem(undefined);
    try {
      await api.apiPost(employment(path), body);
      setNotice(message);
      placements.reload();
      matches.reload();
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };
  return (
    <>
      {notice && (
        <p className="notice" role="status" data-testid="employment-notice">
          {notice}
        </p>
      )}
      <ProblemMessage problem={problem} genericTitle={t.genericError} />
      <section aria-labelledby="matches-title">
        <h2 id="matches-title">{m.matches}</h2>
        <p className="muted">{m.matchesHelp}</p>
        {matches.loading && !matches.data && <Loading label={t.loading} />}
        {matches.data && matches.data.length === 0 && <p>{m.noMatches}</p>}
        <ol className="inbox" data-testid="matches">
          {(matches.data ?? []).map((match) => (
            <li key={match.vacancyId} className="card" data-testid="match">
              <h3 className="item-title">
                {match.title} · {match.employerName}
              </h3>
              <p>
                <strong>{m.fit(match.score)}</strong> · {m.posts(match.postsAvailable)}
              </p>
              <p data-testid="match-why">{match.summary[language]}</p>
              <button
                type="button"
                aria-label={m.proposeLabel(match.title)}
                onClick={() =>
                  void act(
                    '/placements',
                    { vacancyId: match.vacancyId, caseId: props.caseId },
                    m.proposed(match.title),
                  )
                }
              >
                {m.propose}
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="placements-title">
        <h2 id="placements-title">{m.placements}</h2>
        {placements.data && placements.data.length === 0 && <p>{m.noPlacements}</p>}
        <ul className="inbox" data-testid="placements">
          {(placements.data ?? []).map((placement) => (
            <li key={placement.id} className="card" data-testid="placement">
              <h3 className="item-title">{placement.vacancyTitle}</h3>
              <p data-testid="placement-status">
                {m.placementStatus[placement.status] ?? placement.status}
                {placement.retention.day30 !== null
                  ? ` · ${m.checked(30, placement.retention.day30)}`
                  : ''}
              </p>
              {['proposed', 'interviewing'].includes(placement.status) && (
                <Hire placementId={placement.id} onHire={act} />
              )}
              {placement.status === 'hired' &&
                placement.retention.day30 === null &&
                dueOn(placement.startsOn, 30) && (
                  <RetentionCheck placementId={placement.id} days={30} onSave={act} />
                )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type Act = (path: string, body: unknown, message: string) => Promise<void>;

function Hire(props: { placementId: string; onHire: Act }) {
  const { t } = useI18n();
  const m = t.employment;
  const [startsOn, setStartsOn] = useState(today());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onHire(`/placements/${props.placementId}/hire`, { startsOn }, m.hired);
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        idPrefix={`hire-${props.placementId.slice(0, 8)}`}
        name="startsOn"
        type="date"
        label={m.startsOn}
        value={startsOn}
        onChange={(e) => setStartsOn(e.target.value)}
      />
      <button type="submit">{m.hire}</button>
    </form>
  );
}

function RetentionCheck(props: { placementId: string; days: 30 | 90; onSave: Act }) {
  const { t } = useI18n();
  const m = t.employment;
  const [employed, setEmployed] = useState<boolean>();
  const [reason, setReason] = useState('');
  const prefix = `retention-${props.placementId.slice(0, 8)}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSave(
      `/placements/${props.placementId}/retention-checks`,
      {
        checkpointDays: props.days,
        employed: employed ?? true,
        ...(employed === false && reason ? { reasonCode: reason } : {}),
      },
      m.checkSaved(props.days),
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="field">
        <legend>{m.retentionQuestion(props.days)}</legend>
        {([true, false] as const).map((value) => (
          <label key={String(value)} className="big-choice">
            <input
              type="radio"
              name={prefix}
              checked={employed === value}
              onChange={() => setEmployed(value)}
            />
            <span>{value ? m.stillEmployed : m.leftJob}</span>
          </label>
        ))}
      </fieldset>
      {employed === false && (
        <ReasonField
          idPrefix={prefix}
          label={m.leftReason}
          placeholder={m.chooseReason}
          reasons={m.leftReasons}
          value={reason}
          onChange={setReason}
        />
      )}
      <button type="submit" disabled={employed === undefined}>
        {m.saveCheck}
      </button>
    </form>
  );
}
