import { CLOSURE_REASONS } from '@reintegra/vocabulary';
import { type FormEvent, useState } from 'react';
import { ApiError, apiPost, type Problem } from '../api';
import { Loading, ProblemMessage } from '../components/problem';
import { formatDateTime, label, useI18n } from '../i18n';
import { useApi } from '../use-api';

interface PendingPlan {
  caseId: string;
  municipalityName: string | null;
  phase: string;
  planVersion: number;
  goalDimensions: string[] | null;
  proposedReferrals: number | null;
  submittedBy: string | null;
  submittedAt: string | null;
}

interface PendingClosure {
  caseId: string;
  municipalityName: string | null;
  reason: string;
  proposedBy: string | null;
  proposedAt: string;
}

/** Sends a decision; reports intake's answer (stale plan, case moved on, no right) as it came. */
function useDecision() {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const decide = async (path: string, body: unknown): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await apiPost(path, body);
      return true;
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? error.problem
          : { status: 0, code: 'network', title: String(error) },
      );
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, decide };
}

function PlanApproval({ plan, onDone }: { plan: PendingPlan; onDone: (message: string) => void }) {
  const { t, language } = useI18n();
  const { problem, busy, decide } = useDecision();
  const approve = async () => {
    if (await decide(`/api/cases/${plan.caseId}/plan/approval`, { planVersion: plan.planVersion }))
      onDone(t.approvals.approved);
  };
  return (
    <li className="approval" data-testid="pending-plan" data-case-id={plan.caseId}>
      <a href={`#/cases/${plan.caseId}`}>
        {t.casePage.title} {plan.caseId.slice(0, 8)}
      </a>{' '}
      · {plan.municipalityName} · {label(t.phases, plan.phase)} · {t.approvals.version}{' '}
      {plan.planVersion}
      <div className="muted">
        {t.approvals.goals}: {(plan.goalDimensions ?? []).join(', ')} ·{' '}
        {plan.proposedReferrals ?? 0} {t.approvals.proposedReferrals} · {t.approvals.submittedBy}{' '}
        {plan.submittedBy} · {formatDateTime(plan.submittedAt, language)}
      </div>
      <ProblemMessage problem={problem} />
      <button type="button" onClick={() => void approve()} disabled={busy}>
        {t.approvals.approvePlan}
      </button>
    </li>
  );
}

function ClosureDecision({
  closure,
  onDone,
}: {
  closure: PendingClosure;
  onDone: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const { problem, busy, decide } = useDecision();
  const [reason, setReason] = useState(closure.reason);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await decide(`/api/cases/${closure.caseId}/closure`, { reason }))
      onDone(t.approvals.closed);
  };
  return (
    <li className="approval" data-testid="pending-closure">
      <a href={`#/cases/${closure.caseId}`}>
        {t.casePage.title} {closure.caseId.slice(0, 8)}
      </a>{' '}
      · {closure.municipalityName} · {label(t.closureReasons, closure.reason)}
      <div className="muted">
        {t.approvals.proposedBy} {closure.proposedBy} ·{' '}
        {formatDateTime(closure.proposedAt, language)}
      </div>
      <ProblemMessage problem={problem} />
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t.approvals.reason}{' '}
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            {CLOSURE_REASONS.map((r) => (
              <option key={r} value={r}>
                {label(t.closureReasons, r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t.approvals.closeCase}
        </button>
      </form>
    </li>
  );
}

export function ApprovalsView() {
  const { t } = useI18n();
  const { data, error, reload } = useApi<{ plans: PendingPlan[]; closures: PendingClosure[] }>(
    '/api/approvals',
  );
  const [notice, setNotice] = useState<string>();
  const done = (message: string) => {
    setNotice(message);
    // The read model follows intake's events within moments.
    setTimeout(reload, 1_000);
  };
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <h1>{t.approvals.title}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <h2>{t.approvals.plans}</h2>
      {data.plans.length === 0 ? (
        <p>{t.approvals.none}</p>
      ) : (
        <ul className="plain">
          {data.plans.map((plan) => (
            <PlanApproval key={`${plan.caseId}:${plan.planVersion}`} plan={plan} onDone={done} />
          ))}
        </ul>
      )}
      <h2>{t.approvals.closures}</h2>
      {data.closures.length === 0 ? (
        <p>{t.approvals.none}</p>
      ) : (
        <ul className="plain">
          {data.closures.map((closure) => (
            <ClosureDecision key={closure.caseId} closure={closure} onDone={done} />
          ))}
        </ul>
      )}
      <p className="muted">{t.approvals.breakGlass}</p>
    </>
  );
}
