import { formatDateTime } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import { awaitsAnswer, type ProviderReferral } from './provider-referral-data';

/**
 * The dates of a referral, in the list and on its page alike (dt/dd pairs of a facts list): when
 * it was asked and, while it still awaits the organisation's answer, the deadline for that answer.
 */
export function ReferralDates(props: {
  referral: Pick<ProviderReferral, 'status' | 'askedAt' | 'acknowledgeBy'>;
}) {
  const { t, language } = useI18n();
  const { referral } = props;
  return (
    <>
      <dt>{t.providerInbox.received}</dt>
      <dd>{formatDateTime(referral.askedAt, language)}</dd>
      {awaitsAnswer(referral.status) && (
        <>
          <dt>{t.inbox.deadline}</dt>
          <dd>{formatDateTime(referral.acknowledgeBy, language)}</dd>
        </>
      )}
    </>
  );
}
