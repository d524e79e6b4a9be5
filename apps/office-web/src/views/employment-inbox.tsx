import { type FormEvent, useState } from 'react';
import {
  formatDateTime,
  label,
  Loading,
  type Problem,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
} from '@reintegra/ui-web';
import { api, employment } from '../api';
import { useI18n } from '../i18n';
import { SelectField } from './fields';

interface EmploymentReferral {
  id: string;
  caseId: string;
  candidateCode: string;
  priority: string;
  status: string;
  providerIds: string[];
  providerId: string | null;
  reasonCode: string | null;
  acknowledgeBy: string;
  receivedAt: string;
}

const ANSWERABLE = ['received', 'no-capacity'];

/** The employment office's referral queue: accept, no capacity, or decline with a reason. */
export function EmploymentInbox() {
  const { t, language } = useI18n();
  const list = api.useApi<EmploymentReferral[]>(employment('/referrals'));
  const [notice, setNotice] = useState<string>();
  const rows: EmploymentReferral[] = list.data ?? [];
  const open = rows.filter((r) => ANSWERABLE.includes(r.status));
  // Referrals already answered: the 50 most recent, for reference.
  const answered = rows.filter((r) => !ANSWERABLE.includes(r.status)).slice(0, 50);
  const renderList = (items: typeof rows, testId: string) => (
    <ul className="inbox" data-testid={testId}>
      {items.map((referral) => (
        <li
          key={referral.id}
          className="card"
          data-testid="inbox-item"
          data-case-id={referral.caseId}
        >
          <h3 className="item-title">
            {referral.candidateCode}{' '}
            <span className={`tag priority-${referral.priority}`}>
              {label(t.priorities, referral.priority)}
            </span>
          </h3>
          <dl className="facts">
            <dt>{t.inbox.status}</dt>
            <dd data-testid="referral-status">{label(t.referralStatus, referral.status)}</dd>
            <dt>{t.inbox.received}</dt>
            <dd>{formatDateTime(referral.receivedAt, language)}</dd>
            <dt>{t.inbox.deadline}</dt>
            <dd>{formatDateTime(referral.acknowledgeBy, language)}</dd>
          </dl>
          {['accepted', 'in-progress'].includes(referral.status) && (
            <a
              className="button-link"
              href={`#/employment-inbox/${referral.caseId}`}
              aria-label={t.employment.workWithLabel(referral.candidateCode)}
            >
              {t.employment.workWith}
            </a>
          )}
          {ANSWERABLE.includes(referral.status) && (
            <Answer
              referral={referral}
              onAnswered={(message) => {
                setNotice(message);
                list.reload();
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h1>{t.inbox.employmentTitle}</h1>
      <p className="muted">{t.inbox.intro}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ProblemMessage problem={list.error} genericTitle={t.genericError} />
      {list.loading && !list.data && <Loading label={t.loading} />}
      {list.data && list.data.length === 0 && <p>{t.inbox.none}</p>}
      {list.data && list.data.length > 0 && (
        <>
          <section aria-labelledby="open-referrals">
            <h2 id="open-referrals">
              {t.inbox.toAnswer} ({open.length})
            </h2>
            {open.length === 0 ? <p>{t.inbox.noneToAnswer}</p> : renderList(open, 'inbox')}
          </section>
          {answered.length > 0 && (
            <section aria-labelledby="answered-referrals">
              <h2 id="answered-referrals">{t.inbox.answeredList}</h2>
              {renderList(answered, 'inbox-answered')}
            </section>
          )}
        </>
      )}
    </>
  );
}

function Answer(props: { referral: EmploymentReferral; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const who = props.referral.candidateCode;
  const send = async (path: string, body: unknown, message: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.apiPost(employment(`/referrals/${props.referral.id}/${path}`), body);
      props.onAnswered(message);
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const { byField } = splitFieldErrors(problem, ['reasonCode']);
  const decline = (event: FormEvent) => {
    event.preventDefault();
    void send('decline', { reasonCode: reason }, t.inbox.declined);
  };
  return (
    <div className="answer">
      <ProblemMessage
        problem={problem}
        genericTitle={t.genericError}
        shownFields={['reasonCode']}
      />
      {!declining ? (
        <div className="actions">
          <button
            type="button"
            disabled={busy}
            aria-label={t.inbox.acceptLabel(who)}
            onClick={() => void send('acceptance', undefined, t.inbox.accepted)}
          >
            {t.inbox.accept}
          </button>
          {props.referral.status === 'received' && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              aria-label={t.inbox.noCapacityLabel(who)}
              onClick={() => void send('no-capacity', undefined, t.inbox.waitlisted)}
            >
              {t.inbox.noCapacity}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            aria-label={t.inbox.declineLabel(who)}
            onClick={() => setDeclining(true)}
          >
            {t.inbox.decline}
          </button>
        </div>
      ) : (
        <form onSubmit={decline} className="inline-form">
          <SelectField
            name="reasonCode"
            idPrefix={`decline-${props.referral.id}`}
            label={t.inbox.reason}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            errors={byField['reasonCode']}
          >
            <option value="">{t.inbox.chooseReason}</option>
            {Object.entries(t.inbox.reasons).map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </SelectField>
          <button type="submit" disabled={busy}>
            {t.inbox.confirmDecline}
          </button>
          <button type="button" className="secondary" onClick={() => setDeclining(false)}>
            {t.inbox.cancel}
          </button>
        </form>
      )}
    </div>
  );
}
