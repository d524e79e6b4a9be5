import { useState } from 'react';
import { formatDateTime, label, ProblemMessage } from '@reintegra/ui-web';
import { api, employment } from '../api';
import { useI18n } from '../i18n';
import { InboxPage, useAnswer, useAnswerNotice } from './inbox/inbox-page';
import { ReasonForm } from './inbox/reason-form';

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
  const { notice, answered } = useAnswerNotice(list);
  const renderList = (items: EmploymentReferral[], testId: string) => (
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
            <Answer referral={referral} onAnswered={answered} />
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <InboxPage
      title={t.inbox.employmentTitle}
      intro={t.inbox.intro}
      list={list}
      notice={notice}
      isOpen={(referral) => ANSWERABLE.includes(referral.status)}
      renderList={renderList}
    />
  );
}

function Answer(props: { referral: EmploymentReferral; onAnswered: (message: string) => void }) {
  const { t } = useI18n();
  const [declining, setDeclining] = useState(false);
  const { problem, busy, send } = useAnswer(props.onAnswered);
  const who = props.referral.candidateCode;
  const answer = (path: string, body: unknown, message: string) =>
    void send(employment(`/referrals/${props.referral.id}/${path}`), body, message);
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
            onClick={() => answer('acceptance', undefined, t.inbox.accepted)}
          >
            {t.inbox.accept}
          </button>
          {props.referral.status === 'received' && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              aria-label={t.inbox.noCapacityLabel(who)}
              onClick={() => answer('no-capacity', undefined, t.inbox.waitlisted)}
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
        <ReasonForm
          idPrefix={`decline-${props.referral.id}`}
          label={t.inbox.reason}
          reasons={t.inbox.reasons}
          confirm={t.inbox.confirmDecline}
          busy={busy}
          problem={problem}
          onSubmit={(reasonCode) => answer('decline', { reasonCode }, t.inbox.declined)}
          onCancel={() => setDeclining(false)}
        />
      )}
    </div>
  );
}
