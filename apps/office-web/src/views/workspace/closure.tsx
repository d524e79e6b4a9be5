import { type FormEvent, useState } from 'react';
import {
  focusLater,
  FormActions,
  formatDateTime,
  label,
  ProblemMessage,
  problemOf,
  SelectField,
  splitFieldErrors,
  type Problem,
} from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';
import { CLOSURE_REASONS } from './workspace-data';

/** The officer proposes closing the case with a reason; a supervisor decides elsewhere. */
export function ClosureSection(props: {
  caseId: string;
  caseStatus: string;
  proposal: { reason: string; proposedAt: string } | null;
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const text = t.workspace.closure;
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // `reintegrated` is a finding of the follow-up waves: intake allows it only in follow-up.
  const reasons = CLOSURE_REASONS.filter(
    (r) => r !== 'reintegrated' || props.caseStatus === 'follow-up',
  );
  const propose = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.apiPost(intake(`/cases/${props.caseId}/closure-proposal`), { reason });
      setProblem(undefined);
      setReason('');
      props.onChanged();
      focusLater('closure-proposal');
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const { byField } = splitFieldErrors(problem, ['reason']);
  return (
    <section aria-labelledby="closure-title">
      <h2 id="closure-title">{text.title}</h2>
      {props.proposal && (
        <p
          className="notice"
          role="status"
          id="closure-proposal"
          tabIndex={-1}
          data-testid="closure-proposal"
        >
          {text.proposed(
            label(text.reasons, props.proposal.reason),
            formatDateTime(props.proposal.proposedAt, language),
          )}
        </p>
      )}
      {props.caseStatus === 'closed' ? (
        <p>{text.closed}</p>
      ) : (
        <form noValidate onSubmit={(event) => void propose(event)}>
          <p className="muted">{text.intro}</p>
          <SelectField
            idPrefix="closure"
            name="reason"
            label={text.reason}
            value={reason}
            errors={byField['reason']}
            onChange={(event) => setReason(event.target.value)}
          >
            <option value="">{text.choose}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {label(text.reasons, r)}
              </option>
            ))}
          </SelectField>
          <ProblemMessage
            problem={problem}
            genericTitle={t.genericError}
            shownFields={['reason']}
          />
          <FormActions submit={text.propose} busy={busy} />
        </form>
      )}
    </section>
  );
}
