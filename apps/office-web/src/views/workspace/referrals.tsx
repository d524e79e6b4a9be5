import { formatDateTime, label, ScrollRegion, TableHead } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import type { OpenReferral, Referral } from './workspace-data';

/**
 * The case's referrals: status (from the services, through intake), the acknowledge-by deadline,
 * and from the path workflow whether it is overdue and how often it was escalated.
 */
export function ReferralsSection(props: {
  referrals: Referral[];
  openReferrals: OpenReferral[] | undefined;
}) {
  const { t, language } = useI18n();
  return (
    <section aria-labelledby="referrals-title" className="wide">
      <h2 id="referrals-title">{t.workspace.referrals}</h2>
      {props.referrals.length === 0 ? (
        <p>{t.workspace.noReferrals}</p>
      ) : (
        <ScrollRegion label={t.workspace.referrals}>
          <table>
            <TableHead
              columns={[
                t.workspace.service,
                t.workspace.priority,
                t.workspace.status,
                t.workspace.deadline,
                t.workspace.escalations,
              ]}
            />
            <tbody>
              {props.referrals.map((referral) => {
                const open = props.openReferrals?.find((r) => r.referralId === referral.id);
                return (
                  <tr key={referral.id} data-testid="referral-row" data-service={referral.service}>
                    <th scope="row">{label(t.services, referral.service)}</th>
                    <td>{label(t.priorities, referral.priority)}</td>
                    <td data-testid="referral-status">
                      {label(t.referralStatus, referral.status)}
                      {referral.acceptedBy ? ` · ${referral.acceptedBy}` : ''}
                    </td>
                    <td data-testid="referral-deadline">
                      {formatDateTime(open?.acknowledgeBy ?? referral.acknowledgeBy, language)}
                      {open?.overdue && <span className="tag alarm">{t.workspace.overdue}</span>}
                    </td>
                    <td>{open ? open.escalations : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
