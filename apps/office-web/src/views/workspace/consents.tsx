import { useEffect, useRef, useState } from 'react';
import {
  focusLater,
  formatDateTime,
  label,
  type Problem,
  ProblemMessage,
  problemOf,
} from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';
import { type Consent, type Referral, referralsStoppedBy } from './workspace-data';

/** Consents with their text version; withdrawal explains its effects before it is confirmed. */
export function ConsentsSection(props: {
  caseId: string;
  consents: { data?: Consent[]; error?: Problem };
  referrals: Referral[];
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState<string>();
  const [withdrawn, setWithdrawn] = useState(false);
  const { data, error } = props.consents;
  const what = (consent: Consent) =>
    `${label(t.purposes, consent.purpose)}${consent.scope ? ` · ${label(t.services, consent.scope)}` : ''}`;
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{t.workspace.consents}</h2>
      <ProblemMessage problem={error} genericTitle={t.genericError} />
      {withdrawn && (
        <p className="notice" role="status" id="consents-notice" tabIndex={-1}>
          {t.workspace.consentEditor.done}
        </p>
      )}
      {data && data.length === 0 && <p>{t.workspace.noConsents}</p>}
      {data && data.length > 0 && (
        <ul className="plain" data-testid="consents">
          {data.map((consent) => (
            <li key={consent.id} data-testid="consent" data-purpose={consent.purpose}>
              <strong>{what(consent)}</strong>{' '}
              {consent.active ? (
                <span className="tag ok">{t.workspace.active}</span>
              ) : (
                <span className="tag">
                  {t.workspace.withdrawn} {formatDateTime(consent.withdrawnAt, language)}
                </span>
              )}
              <br />
              <span className="muted">
                {t.workspace.given} {formatDateTime(consent.grantedAt, language)} ·{' '}
                {t.consent.version}: <code>{consent.formVersion}</code>
              </span>
              {consent.active && confirming !== consent.id && (
                <p>
                  <button
                    type="button"
                    id={`withdraw-${consent.id}`}
                    className="secondary"
                    aria-label={t.workspace.consentEditor.withdrawLabel(what(consent))}
                    onClick={() => {
                      setWithdrawn(false);
                      setConfirming(consent.id);
                    }}
                  >
                    {t.workspace.consentEditor.withdraw}
                  </button>
                </p>
              )}
              {confirming === consent.id && (
                <ConfirmWithdrawal
                  caseId={props.caseId}
                  consent={consent}
                  title={what(consent)}
                  stops={referralsStoppedBy(consent, props.referrals)}
                  onCancel={() => {
                    setConfirming(undefined);
                    focusLater(`withdraw-${consent.id}`);
                  }}
                  onDone={() => {
                    setConfirming(undefined);
                    setWithdrawn(true);
                    props.onChanged();
                    focusLater('consents-notice');
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConfirmWithdrawal(props: {
  caseId: string;
  consent: Consent;
  title: string;
  stops: Referral[];
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t, language } = useI18n();
  const text = t.workspace.consentEditor;
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // The effects are read first: focus lands on them, not on the confirm button.
  useEffect(() => heading.current?.focus(), []);
  const effect = text.effectOf[props.consent.purpose];
  const confirm = async () => {
    setBusy(true);
    try {
      await api.apiPost(intake(`/cases/${props.caseId}/consents/${props.consent.id}/withdrawal`));
      props.onDone();
    } catch (failure) {
      setProblem(problemOf(failure));
      setBusy(false);
    }
  };
  return (
    <div className="warning" data-testid="withdrawal-confirmation">
      <h3 tabIndex={-1} ref={heading}>
        {text.confirmTitle(props.title)}
      </h3>
      <p>{text.effects}</p>
      <ul>
        {effect && <li>{effect(label(t.services, props.consent.scope))}</li>}
        <li>{text.permanent}</li>
      </ul>
      {props.stops.length > 0 ? (
        <>
          <p>{text.stops}</p>
          <ul data-testid="stopped-referrals">
            {props.stops.map((referral) => (
              <li key={referral.id}>
                {label(t.services, referral.service)} · {label(t.referralStatus, referral.status)} ·{' '}
                {t.workspace.deadline} {formatDateTime(referral.acknowledgeBy, language)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{text.stopsNone}</p>
      )}
      <ProblemMessage problem={problem} genericTitle={t.genericError} />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void confirm()}>
          {text.confirm}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t.workspace.cancel}
        </button>
      </div>
    </div>
  );
}
