import { type FormEvent, useEffect, useState } from 'react';
import { type Problem, splitFieldErrors, ReasonField } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';

/**
 * An answer that needs a code from a vocabulary (decline with a reason, the outcome of a
 * service): the select, confirm and cancel; the API's error on the code shown beside it.
 */
export function ReasonForm(props: {
  idPrefix: string;
  name?: 'reasonCode' | 'outcomeCode';
  label: string;
  reasons: Readonly<Record<string, string>>;
  confirm: string;
  busy: boolean;
  problem: Problem | undefined;
  onSubmit: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const name = props.name ?? 'reasonCode';
  const [code, setCode] = useState('');
  const { byField } = splitFieldErrors(props.problem, [name]);
  const selectId = `${props.idPrefix}-${name}`;
  // Opened from a button: the keyboard continues at the select.
  useEffect(() => document.getElementById(selectId)?.focus(), [selectId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(code);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <ReasonField
        idPrefix={props.idPrefix}
        name={name}
        label={props.label}
        placeholder={t.inbox.chooseReason}
        reasons={props.reasons}
        value={code}
        onChange={setCode}
        errors={byField[name]}
      />
      <button type="submit" disabled={props.busy}>
        {props.confirm}
      </button>
      <button type="button" className="secondary" onClick={props.onCancel}>
        {t.inbox.cancel}
      </button>
    </form>
  );
}
