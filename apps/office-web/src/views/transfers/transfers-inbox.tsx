import { useState } from 'react';
import {
  formatDateTime,
  label,
  Loading,
  type Problem,
  ProblemMessage,
  ScrollRegion,
  TableHead,
} from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';
import { useAnswer, useAnswerNotice } from '../inbox/inbox-page';
import { ReasonForm } from '../inbox/reason-form';
import { municipalityName, type Transfer } from './transfer-data';

/**
 * "Traslados": the receiving office's requests to answer (accept, or decline with a reason), and
 * the requests this office sent, with their status. Before acceptance the receiving office sees
 * no personal data: the case is not yet theirs (intake would refuse it), only where it comes
 * from, why, and how the person consented. Accepting opens the case to them.
 */
export function TransfersInbox() {
  const { t, language } = useI18n();
  const text = t.transfers.inbox;
  const incoming = api.useApi<Transfer[]>(intake('/transfers/incoming'));
  const outgoing = api.useApi<Transfer[]>(intake('/transfers/outgoing'));
  const { notice, answered } = useAnswerNotice(incoming);
  const [acceptedCase, setAcceptedCase] = useState<string>();
  const [declining, setDeclining] = useState<string>();
  const answer = useAnswer((message) => {
    setDeclining(undefined);
    answered(message);
  });
  return (
    <>
      <h1>{text.title}</h1>
      <p className="muted">{text.intro}</p>
      {notice && (
        <p className="notice" role="status" data-testid="transfer-notice">
          {notice}{' '}
          {acceptedCase && notice === text.accepted && (
            <a href={`#/cases/${acceptedCase}`}>{text.openCase}</a>
          )}
        </p>
      )}
      <section aria-labelledby="incoming-title">
        <h2 id="incoming-title">
          {text.incoming} {incoming.data ? `(${incoming.data.length})` : ''}
        </h2>
        <ProblemMessage problem={incoming.error} genericTitle={t.genericError} />
        {incoming.loading && !incoming.data && <Loading label={t.loading} />}
        {incoming.data?.length === 0 && <p>{text.incomingNone}</p>}
        {!!incoming.data?.length && (
          <ScrollRegion label={text.incoming}>
            <table data-testid="incoming-transfers">
              <TableHead
                columns={[text.from, text.reason, text.consent, text.requested, text.actions]}
              />
              <tbody>
                {incoming.data.map((transfer) => {
                  const from = municipalityName(transfer.fromMunicipalityCode);
                  return (
                    <tr
                      key={transfer.id}
                      data-testid="incoming-transfer"
                      data-case={transfer.caseId}
                    >
                      <th scope="row">
                        {from}
                        <span className="muted"> · {text.caseRef(transfer.caseId)}</span>
                      </th>
                      <td>{label(t.transfers.reasons, transfer.reasonCode)}</td>
                      <td>{label(t.transfers.section.methods, transfer.consent.method)}</td>
                      <td>{formatDateTime(transfer.requestedAt, language)}</td>
                      <td>
                        {declining === transfer.id ? (
                          <ReasonForm
                            idPrefix={`decline-${transfer.id}`}
                            label={text.declineReason}
                            reasons={t.transfers.declineReasons}
                            confirm={text.confirmDecline}
                            busy={answer.busy}
                            problem={answer.problem}
                            onSubmit={(reasonCode) =>
                              void answer.send(
                                intake(`/transfers/${transfer.id}/decline`),
                                { reasonCode },
                                text.declinedDone,
                              )
                            }
                            onCancel={() => setDeclining(undefined)}
                          />
                        ) : (
                          <div className="actions">
                            <button
                              type="button"
                              aria-label={text.acceptLabel(from)}
                              disabled={answer.busy}
                              onClick={() => {
                                setAcceptedCase(transfer.caseId);
                                void answer
                                  .send(
                                    intake(`/transfers/${transfer.id}/acceptance`),
                                    {},
                                    text.accepted,
                                  )
                                  .then(() => outgoing.reload());
                              }}
                            >
                              {text.accept}
                            </button>
                            <button
                              type="button"
                              className="secondary"
                              aria-label={text.declineLabel(from)}
                              onClick={() => setDeclining(transfer.id)}
                            >
                              {text.decline}
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {!declining && <ProblemMessage problem={answer.problem} genericTitle={t.genericError} />}
      </section>
      <OutgoingTransfers list={outgoing} />
    </>
  );
}

function OutgoingTransfers(props: {
  list: { data?: Transfer[] | undefined; error?: Problem | undefined; loading: boolean };
}) {
  const { t, language } = useI18n();
  const text = t.transfers.inbox;
  const rows = props.list.data;
  return (
    <section aria-labelledby="outgoing-title">
      <h2 id="outgoing-title">{text.outgoing}</h2>
      <ProblemMessage problem={props.list.error} genericTitle={t.genericError} />
      {props.list.loading && !rows && <Loading label={t.loading} />}
      {rows?.length === 0 && <p>{text.outgoingNone}</p>}
      {!!rows?.length && (
        <ScrollRegion label={text.outgoing}>
          <table data-testid="outgoing-transfers">
            <TableHead columns={[text.to, text.case, text.reason, text.requested, text.status]} />
            <tbody>
              {rows.map((transfer) => (
                <tr key={transfer.id} data-testid="outgoing-transfer" data-case={transfer.caseId}>
                  <th scope="row">{municipalityName(transfer.toMunicipalityCode)}</th>
                  <td>{text.caseRef(transfer.caseId)}</td>
                  <td>{label(t.transfers.reasons, transfer.reasonCode)}</td>
                  <td>{formatDateTime(transfer.requestedAt, language)}</td>
                  <td data-testid="outgoing-status">
                    {label(text.statuses, transfer.status)}
                    {transfer.declineReasonCode
                      ? ` · ${label(t.transfers.declineReasons, transfer.declineReasonCode)}`
                      : ''}
                    {transfer.decidedAt ? ` · ${formatDateTime(transfer.decidedAt, language)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
