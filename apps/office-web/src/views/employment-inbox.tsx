import { useState } from 'react';
import { formatDateTime, label, ProblemMessage } from '@reintegra/ui-web';
import { api, employment } from '../api';
import { useI18n } from '../i18n';
import { InboxItem } from './inbox/inbox-item';
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
  const renderItem = (referral: EmploymentReferral) => (
    <InboxItem
      key={referral.id}
      referral={referral}
      title={referral.candidateCode}
      status={label(t.referralStatus, referral.status)}
      moreFacts={
        <>
          <dt>{t.inbox.deadline}</dt>
          <dd>{formatDateTime(referral.acknowledgeBy, language)}</dd>
        </>
      }
    >
      {['accepted', 'in-progress'].includes(referral.status) && (
        <a
          className="button-link"
          href={`#/employment-inbox/${referral.caseId}`}
          aria-label={t.employment.workWithLabel(referral.candidateCode)}
        >
          {t.employment.workWith}
        </a>
      )}
      {ANSWERABLE.includes(referral.status) && <Answer referral={referral} onAnswered={answered} />}
    </InboxItem>
  );
  return (
    <InboxPage
      title={t.inbox.employmentTitle}
      intro={t.inbox.intro}
      list={list}
      notice={notice}
      isOpen={(referral) => ANSWERABLE.includes(referral.status)}
      renderItem={renderItem}
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
