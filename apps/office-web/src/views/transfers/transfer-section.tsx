import { type FormEvent, useEffect, useState } from 'react';
import {
  FieldErrors,
  formatDateTime,
  label,
  ProblemMessage,
  splitFieldErrors,
  useFormProblem,
  ReasonField,
  SelectField,
} from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';
import {
  latestTransferOf,
  municipalityName,
  receivingMunicipalities,
  type Transfer,
} from './transfer-data';

const FIELDS = ['toMunicipalityCode', 'reasonCode', 'consent'];

/**
 * "Solicitar traslado" on the case page: the receiving municipality (reference data), the reason
 * and the person's consent, which intake records with the request. A request waiting, or the last
 * one declined, is shown instead of or above the form.
 */
export function TransferSection(props: {
  caseId: string;
  caseStatus: string;
  municipalityCode: string;
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const text = t.transfers.section;
  const outgoing = api.useApi<Transfer[]>(intake('/transfers/outgoing'));
  const latest = latestTransferOf(props.caseId, outgoing.data);
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [consent, setConsent] = useState(false);
  const [method, setMethod] = useState('verbal');
  const { problem, setProblem, busy, formRef, submit } = useFormProblem();
  const { byField } = splitFieldErrors(problem, FIELDS);

  // Opened from the button: the keyboard continues at the first field.
  useEffect(() => {
    if (open) document.getElementById('transfer-toMunicipalityCode')?.focus();
  }, [open]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await submit(async () => {
      await api.apiPost(intake(`/cases/${props.caseId}/transfers`), {
        toMunicipalityCode: to,
        reasonCode: reason,
        // Unticked, intake answers with its own words beside the box (the consent is required).
        consent: { given: consent, method },
      });
    });
    if (!sent) return;
    setOpen(false);
    outgoing.reload();
    props.onChanged();
    document.getElementById('transfer-status')?.focus();
  };

  const waiting = latest?.status === 'requested';
  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">{text.title}</h2>
      <p className="muted">{text.intro}</p>
      <div id="transfer-status" tabIndex={-1} role="status" data-testid="transfer-status">
        {waiting && (
          <p className="notice">
            {text.pending(
              municipalityName(latest.toMunicipalityCode),
              formatDateTime(latest.requestedAt, language),
            )}
          </p>
        )}
        {latest?.status === 'declined' && (
          <p className="warning">
            {text.declined(
              municipalityName(latest.toMunicipalityCode),
              label(t.transfers.declineReasons, latest.declineReasonCode),
            )}
          </p>
        )}
      </div>
      {props.caseStatus === 'closed' && <p>{text.closed}</p>}
      <ProblemMessage problem={outgoing.error} genericTitle={t.genericError} />
      {outgoing.data && props.caseStatus !== 'closed' && !waiting && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          {text.request}
        </button>
      )}
      {open && !waiting && (
        <form ref={formRef} noValidate onSubmit={(event) => void send(event)}>
          <SelectField
            idPrefix="transfer"
            name="toMunicipalityCode"
            label={text.municipality}
            value={to}
            errors={byField['toMunicipalityCode']}
            onChange={(event) => setTo(event.target.value)}
          >
            <option value="">{text.chooseMunicipality}</option>
            {receivingMunicipalities(props.municipalityCode).map((group) => (
              <optgroup key={group.department} label={group.department}>
                {group.options.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <ReasonField
            idPrefix="transfer"
            label={text.reason}
            placeholder={text.chooseReason}
            reasons={t.transfers.reasons}
            value={reason}
            onChange={setReason}
            errors={byField['reasonCode']}
          />
          <fieldset className={byField['consent'] ? 'field invalid' : 'field'}>
            <legend>{text.consentLegend}</legend>
            <p className="help" id="transfer-consent-help">
              {text.consentHelp}
            </p>
            <div className="check">
              <input
                type="checkbox"
                id="transfer-consent"
                checked={consent}
                aria-describedby={
                  byField['consent']
                    ? 'transfer-consent-help transfer-consent-error'
                    : 'transfer-consent-help'
                }
                aria-invalid={byField['consent'] ? true : undefined}
                onChange={(event) => setConsent(event.target.checked)}
              />
              <label htmlFor="transfer-consent">{text.consent}</label>
            </div>
            <SelectField
              idPrefix="transfer"
              name="consentMethod"
              label={text.consentMethod}
              value={method}
              onChange={(event) => setMethod(event.target.value)}
            >
              {Object.entries(text.methods).map(([code, words]) => (
                <option key={code} value={code}>
                  {words}
                </option>
              ))}
            </SelectField>
            <FieldErrors id="transfer-consent-error" messages={byField['consent']} />
          </fieldset>
          <ProblemMessage problem={problem} genericTitle={t.genericError} shownFields={FIELDS} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {text.send}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setOpen(false);
                setProblem(undefined);
              }}
            >
              {text.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
