import type { ReactNode } from 'react';
import { formatDateTime, label } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';

/**
 * One referral of a service's inbox (employment, education): who, its priority, its status and
 * when it came, then what the service's own facts and answers add.
 */
export function InboxItem(props: {
  referral: { caseId: string; priority: string; receivedAt: string };
  title: ReactNode;
  status: ReactNode;
  /** Facts after "received" (dt/dd pairs). */
  moreFacts?: ReactNode;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  const { referral } = props;
  return (
    <li className="card" data-testid="inbox-item" data-case-id={referral.caseId}>
      <h3 className="item-title">
        {props.title}{' '}
        <span className={`tag priority-${referral.priority}`}>
          {label(t.priorities, referral.priority)}
        </span>
      </h3>
      <dl className="facts">
        <dt>{t.inbox.status}</dt>
        <dd data-testid="referral-status">{props.status}</dd>
        <dt>{t.inbox.received}</dt>
        <dd>{formatDateTime(referral.receivedAt, language)}</dd>
        {props.moreFacts}
      </dl>
      {props.children}
    </li>
  );
}
