import { useEffect, useRef, useState } from 'react';
import { label, Loading, ProblemMessage } from '@reintegra/ui-web';
import { api, directory } from '../../api';
import { useI18n } from '../../i18n';
import { useAnswer, useAnswerNotice } from '../inbox/inbox-page';
import { ReasonForm } from '../inbox/reason-form';
import {
  ANSWERS_BY_STATUS,
  isOverdue,
  type ProviderReferral,
  shortCode,
} from './provider-referral-data';
import { ReferralDates } from './referral-dates';

/** One referral of the organisation: only the need-to-know facts the API returns, and the answers. */
export function ProviderReferralView(props: { referralId: string }) {
  const { t } = useI18n();
  const m = t.providerInbox;
  const referral = api.useApi<ProviderReferral>(
    directory(`/provider-inbox/referrals/${encodeURIComponent(props.referralId)}`),
  );
  const { notice, answered } = useAnswerNotice(referral);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // The answered buttons are gone: the keyboard continues from what happened.
  useEffect(() => noticeRef.current?.focus(), [notice]);
  const data = referral.data;
  const code = shortCode(props.referralId);
  return (
    <>
      <p>
        <a href="#/provider-inbox">{m.back}</a>
      </p>
      <h1>{m.referral(code)}</h1>
      {notice && (
        <p
          className="notice"
          role="status"
          data-testid="provider-notice"
          tabIndex={-1}
          ref={noticeRef}
        >
          {notice}
        </p>
      )}
      <ProblemMessage problem={referral.error} genericTitle={t.genericError} />
      {referral.loading && !data && <Loading label={t.loading} />}
      {data && (
        <>
          <dl className="facts" data-testid="provider-referral-detail">
            <dt>{m.service}</dt>
            <dd>{label(m.services, data.service)}</dd>
            <dt>{t.inbox.status}</dt>
            <dd data-testid="referral-status">
              {label(m.statuses, data.status)}{' '}
              {isOverdue(data) && <span className="tag alarm">{m.overdue}</span>}
            </dd>
            <dt>{t.workspace.priority}</dt>
            <dd>{label(t.priorities, data.priority)}</dd>
            <ReferralDates referral={data} />
            {data.reasonCode && (
              <>
                <dt>{m.why}</dt>
                <dd data-testid="referral-reason">
                  {m.declineReasons[data.reasonCode] ??
                    m.outcomes[data.reasonCode] ??
                    m.notCompletedReasons[data.reasonCode] ??
                    data.reasonCode}
                </dd>
              </>
            )}
          </dl>
          <section aria-labelledby="facts-title">
            <h2 id="facts-title">{m.factsTitle}</h2>
            <p className="muted">{m.factsHelp}</p>
            <Facts facts={data.facts} />
          </section>
          <section aria-labelledby="answer-title">
            <h2 id="answer-title">{m.answerTitle}</h2>
            <Answers referral={data} onAnswered={answered} />
          </section>
        </>
      )}
    </>
  );
}

/** Exactly the facts the API returned, each in words; nothing is looked up elsewhere. */
function Facts(props: { facts: ProviderReferral['facts'] }) {
  const { t } = useI18n();
  const m = t.providerInbox;
  const entries = Object.entries(props.facts ?? {});
  if (entries.length === 0) return <p>{m.noFacts}</p>;
  const value = (key: string, raw: string | number) =>
    key === 'sex'
      ? label(m.sexes, String(raw))
      : key === 'ageYears'
        ? m.years(Number(raw))
        : String(raw);
  return (
    <dl className="facts" data-testid="need-to-know">
      {entries.map(([key, raw]) => (
        <div key={key} data-fact={key} className="fact">
          <dt>{m.facts[key] ?? key}</dt>
          <dd>{value(key, raw)}</dd>
        </div>
      ))}
    </dl>
  );
}

type Form = 'declined' | 'completed' | 'not-completed';

function Answers(props: { referral: ProviderReferral; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  const m = t.providerInbox;
  const [form, setForm] = useState<Form>();
  const { problem, busy, send } = useAnswer((message) => {
    setForm(undefined);
    props.onAnswered(message);
  });
  const answers = ANSWERS_BY_STATUS[props.referral.status] ?? [];
  const path = (route: string) =>
    directory(`/provider-inbox/referrals/${props.referral.referralId}/${route}`);
  const idPrefix = `answer-${shortCode(props.referral.referralId)}`;
  if (answers.length === 0) return <p>{m.noAnswer}</p>;
  const reasonForm = (
    kind: Form,
    route: string,
    field: 'reasonCode' | 'outcomeCode',
    labelText: string,
    reasons: Record<string, string>,
    confirm: string,
  ) => (
    <ReasonForm
      idPrefix={`${idPrefix}-${kind}`}
      name={field}
      label={labelText}
      reasons={reasons}
      confirm={confirm}
      busy={busy}
      problem={problem}
      onSubmit={(code) => void send(path(route), { [field]: code }, m.done[kind])}
      onCancel={() => setForm(undefined)}
    />
  );
  const button = (answer: string, text: string, onClick: () => void, secondary = false) =>
    answers.includes(answer) && (
      <button
        type="button"
        className={secondary ? 'secondary' : undefined}
        disabled={busy}
        onClick={onClick}
      >
        {text}
      </button>
    );
  return (
    <div className="answer">
      <ProblemMessage
        problem={problem}
        genericTitle={t.genericError}
        shownFields={['reasonCode', 'outcomeCode']}
      />
      {form === 'declined' &&
        reasonForm(
          'declined',
          'decline',
          'reasonCode',
          m.declineReason,
          m.declineReasons,
          m.confirmDecline,
        )}
      {form === 'completed' &&
        reasonForm(
          'completed',
          'completion',
          'outcomeCode',
          m.outcome,
          m.outcomes,
          m.confirmComplete,
        )}
      {form === 'not-completed' &&
        reasonForm(
          'not-completed',
          'non-completion',
          'reasonCode',
          m.notCompletedReason,
          m.notCompletedReasons,
          m.confirmNotComplete,
        )}
      {!form && (
        <div className="actions">
          {button(
            'accepted',
            m.accept,
            () => void send(path('acceptance'), undefined, m.done.accepted),
          )}
          {button(
            'in-progress',
            m.start,
            () => void send(path('start'), undefined, m.done['in-progress']),
          )}
          {button('completed', m.complete, () => setForm('completed'))}
          {button(
            'no-capacity',
            m.noCapacity,
            () => void send(path('no-capacity'), undefined, m.done['no-capacity']),
            true,
          )}
          {button('declined', m.decline, () => setForm('declined'), true)}
          {button('not-completed', m.notComplete, () => setForm('not-completed'), true)}
        </div>
      )}
    </div>
  );
}
