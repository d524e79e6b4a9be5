import { type FormEvent, useState } from 'react';
import { ApiError, apiPost, type Problem } from '../api';
import { ProblemMessage } from '../components/problem';
import { useI18n } from '../i18n';

const PAUSE_REASONS = ['hospitalised', 'temporarily-away', 'person-request', 'other'];
const RESUME_REASONS = ['back-in-contact', 'person-request', 'other'];

/**
 * Reassigning the officer and pausing or resuming a running path (the supervisor of the case's
 * municipality; the API refuses anyone else, and the path itself refuses an illegal step).
 */
export function PathActions(props: {
  caseId: string;
  paused: boolean;
  officer: string | undefined;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const a = t.pathActions;
  const [officerId, setOfficerId] = useState(props.officer ?? '');
  const reasons = props.paused ? RESUME_REASONS : PAUSE_REASONS;
  const [reasonCode, setReasonCode] = useState('');
  // The choices differ for pausing and resuming: keep the choice only while it is one of them.
  const chosen = reasons.includes(reasonCode) ? reasonCode : (reasons[0] ?? 'other');
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const send = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await apiPost(`/api/cases/${encodeURIComponent(props.caseId)}/path/${path}`, body);
      setNotice(done);
      props.onChanged();
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? error.problem
          : { status: 0, code: 'network', title: String(error) },
      );
    } finally {
      setBusy(false);
    }
  };
  const reassign = (event: FormEvent) => {
    event.preventDefault();
    void send('officer', { officerId: officerId.trim() }, a.reassigned);
  };
  const pause = (event: FormEvent) => {
    event.preventDefault();
    const paused = !props.paused;
    void send('pause', { paused, reasonCode: chosen }, paused ? a.pausedDone : a.resumedDone);
  };

  return (
    <section aria-labelledby="path-actions" data-testid="path-actions">
      <h3 id="path-actions">{a.title}</h3>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <form onSubmit={reassign}>
        <label>
          {a.officer}{' '}
          <input
            value={officerId}
            onChange={(e) => setOfficerId(e.target.value)}
            placeholder={a.officerHint}
            required
            maxLength={200}
          />
        </label>{' '}
        <button type="submit" disabled={busy}>
          {a.reassign}
        </button>
      </form>
      <form onSubmit={pause}>
        <label>
          {a.reason}{' '}
          <select value={chosen} onChange={(e) => setReasonCode(e.target.value)}>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {a.reasons[r] ?? r}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={busy}>
          {props.paused ? a.resume : a.pause}
        </button>
      </form>
    </section>
  );
}
