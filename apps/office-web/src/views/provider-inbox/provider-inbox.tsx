import { label } from '@reintegra/ui-web';
import { api, directory } from '../../api';
import { useI18n } from '../../i18n';
import { InboxPage } from '../inbox/inbox-page';
import {
  ANSWERS_BY_STATUS,
  isOverdue,
  type ProviderReferral,
  shortCode,
} from './provider-referral-data';
import { ReferralDates } from './referral-dates';

/** "Remisiones recibidas": the referrals addressed to the caller's organisation. */
export function ProviderInbox() {
  const { t } = useI18n();
  const m = t.providerInbox;
  const list = api.useApi<ProviderReferral[]>(directory('/provider-inbox/referrals'));
  const renderItem = (referral: ProviderReferral) => {
    const code = shortCode(referral.referralId);
    const overdue = isOverdue(referral);
    return (
      <li
        key={referral.referralId}
        className={overdue ? 'card overdue' : 'card'}
        data-testid="provider-referral"
        data-referral-id={referral.referralId}
      >
        <h3 className="item-title">
          {m.referral(code)}{' '}
          <span className={`tag priority-${referral.priority}`}>
            {label(t.priorities, referral.priority)}
          </span>{' '}
          {overdue && (
            <span className="tag alarm" data-testid="overdue">
              {m.overdue}
            </span>
          )}
        </h3>
        <dl className="facts">
          <dt>{m.service}</dt>
          <dd>{label(m.services, referral.service)}</dd>
          <dt>{t.inbox.status}</dt>
          <dd data-testid="referral-status">{label(m.statuses, referral.status)}</dd>
          <ReferralDates referral={referral} />
        </dl>
        <a
          className="button-link"
          href={`#/provider-inbox/${referral.referralId}`}
          aria-label={m.openLabel(code)}
        >
          {m.open}
        </a>
      </li>
    );
  };
  return (
    <InboxPage
      title={m.title}
      intro={m.intro}
      list={list}
      isOpen={(referral) => referral.status in ANSWERS_BY_STATUS}
      renderItem={renderItem}
    />
  );
}
