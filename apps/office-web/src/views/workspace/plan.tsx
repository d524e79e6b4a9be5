import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import {
  focusFirstInvalid,
  focusLater,
  formatDateTime,
  label,
  Loading,
  type Problem,
  ProblemMessage,
  problemOf,
} from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';
import { contentOf, draftOf, emptyDraft, type PlanDraft, planFieldPaths } from './plan-draft';
import { PlanForm } from './plan-form';
import type { CasePlace } from './provider-picker';
import { summaryOf } from './questionnaire';
import { DIMENSIONS, type Plan } from './workspace-data';

const PLANNING_CASE_STATUSES = ['open', 'assessed'];

type Notice = 'saved' | 'submitted' | 'changedElsewhere';
/** The plan status a notice belongs to: once the plan moves on (a decision), it goes away. */
const NOTICE_STATUS: Record<Notice, string | undefined> = {
  saved: 'draft',
  submitted: 'submitted',
  changedElsewhere: undefined,
};

/**
 * The reintegration plan: the officer drafts it (saved with If-Match on its version), submits it,
 * and reads what the supervisor decided.
 */
export function PlanSection(props: {
  caseId: string;
  caseStatus: string;
  plan: { data?: Plan; error?: Problem };
  place: CasePlace;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const text = t.workspace.planEditor;
  const path = intake(`/cases/${props.caseId}/plan`);
  const loaded = props.plan;
  const missing = loaded.error?.code === 'plan.not-found';
  const plan = loaded.data;
  const [draft, setDraft] = useState<PlanDraft>();
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // The form starts from the stored plan each time intake answers with a (new) version.
  useEffect(() => {
    if (plan) setDraft(draftOf(plan));
    else if (missing) setDraft(emptyDraft());
  }, [plan, missing]);
  useEffect(() => {
    if (problem?.errors?.length) focusFirstInvalid(formRef.current);
  }, [problem]);

  const editable =
    (missing || plan?.status === 'draft') && PLANNING_CASE_STATUSES.includes(props.caseStatus);
  const act = async (action: () => Promise<unknown>, done: 'saved' | 'submitted') => {
    setBusy(true);
    setNotice(undefined);
    try {
      await action();
      setProblem(undefined);
      setNotice(done);
      props.onChanged();
      // A submitted plan's form goes away: focus goes to the message that says so.
      if (done === 'submitted') focusLater('plan-notice');
    } catch (failure) {
      const found = problemOf(failure);
      if (found.status === 412 || found.status === 428) {
        setProblem(undefined);
        setNotice('changedElsewhere');
        props.onChanged();
      } else setProblem(found);
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const body = contentOf(draft);
    void act(
      () =>
        plan
          ? api.apiPut(path, body, { 'if-match': `"${plan.version}"` })
          : api.apiPost(path, body),
      'saved',
    );
  };
  const submit = () => void act(() => api.apiPost(`${path}/submission`), 'submitted');
  const summary = summaryOf(problem, draft ? planFieldPaths(draft) : [], t.workspace.invalid);
  return (
    <section aria-labelledby="plan-title" className="wide panel">
      <h2 id="plan-title">{text.title}</h2>
      {!loaded.data && !loaded.error && <Loading label={t.loading} />}
      {loaded.error && !missing && (
        <ProblemMessage problem={loaded.error} genericTitle={t.genericError} />
      )}
      {plan && (
        <p data-testid="plan-status">
          {t.workspace.planStatus(label(t.workspace.planStatuses, plan.status), plan.version)}
        </p>
      )}
      {plan && <Decision plan={plan} />}
      {notice && (NOTICE_STATUS[notice] ?? plan?.status) === plan?.status && (
        <p className="notice" role="status" id="plan-notice" tabIndex={-1}>
          {notice === 'saved' ? t.workspace.saved : text[notice]}
        </p>
      )}
      {draft && editable && (
        <form ref={formRef} noValidate onSubmit={save} data-testid="plan-form">
          <PlanForm draft={draft} onChange={setDraft} problem={problem} place={props.place} />
          <ProblemMessage problem={summary} genericTitle={t.genericError} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {text.save}
            </button>
            {plan?.status === 'draft' && (
              <button type="button" className="secondary" disabled={busy} onClick={submit}>
                {text.submit}
              </button>
            )}
          </div>
        </form>
      )}
      {plan && !editable && <ReadOnlyPlan plan={plan} />}
    </section>
  );
}

/** What the supervisor decided: approved (and which referrals went out), sent back, or pending. */
function Decision(props: { plan: Plan }) {
  const { t, language } = useI18n();
  const text = t.workspace.planEditor;
  const { plan } = props;
  let body: ReactNode = null;
  if (plan.status === 'approved' && plan.approvedAt)
    body = (
      <>
        <p className="notice">{text.approvedOn(formatDateTime(plan.approvedAt, language))}</p>
        <ul className="plain">
          {(plan.referralOutcomes ?? []).map((outcome) => (
            <li key={outcome.service}>
              {(outcome.opened ? text.opened : text.blocked)(label(t.services, outcome.service))}
            </li>
          ))}
        </ul>
      </>
    );
  else if (plan.status === 'submitted') body = <p>{text.waiting}</p>;
  else if (plan.lastRejection)
    body = (
      <p className="warning">
        {text.rejectedOn(
          formatDateTime(plan.lastRejection.rejectedAt, language),
          label(t.workspace.reasons, plan.lastRejection.reasonCode),
        )}
      </p>
    );
  if (!body) return null;
  return (
    <div data-testid="plan-decision">
      <h3>{text.decision}</h3>
      {body}
    </div>
  );
}

function ReadOnlyPlan(props: { plan: Plan }) {
  const { t } = useI18n();
  const { plan } = props;
  return (
    <div data-testid="plan-read-only">
      <h3>{t.workspace.planEditor.goals}</h3>
      {DIMENSIONS.map((dimension) =>
        (plan.goals[dimension] ?? []).length > 0 ? (
          <div key={dimension}>
            <h4>{t.workspace.scores.dimensions[dimension]}</h4>
            <ul className="plain">
              {(plan.goals[dimension] ?? []).map((goal, index) => (
                <li key={index}>
                  {goal.description}
                  {goal.targetDate ? ` · ${goal.targetDate}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      <h3>{t.workspace.planEditor.referrals}</h3>
      <ul className="plain">
        {plan.proposedReferrals.map((referral) => (
          <li key={referral.service}>
            {label(t.services, referral.service)} · {label(t.priorities, referral.priority)} ·{' '}
            {referral.providerIds.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
