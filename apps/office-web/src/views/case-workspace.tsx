import { Loading, ProblemMessage } from '@reintegra/ui-web';
import { api, intake } from '../api';
import { useI18n } from '../i18n';
import { AssessmentSection } from './workspace/assessment';
import { ClosureSection } from './workspace/closure';
import { ConsentsSection } from './workspace/consents';
import { HouseholdSection } from './workspace/household';
import { PersonSection } from './workspace/person';
import { PlanSection } from './workspace/plan';
import { ReferralsSection } from './workspace/referrals';
import { ScoresSection } from './workspace/scores';
import { TimelineSection } from './workspace/timeline';
import { TransferSection } from './transfers/transfer-section';
import type {
  AssessmentSummary,
  CaseView,
  Consent,
  PathView,
  Person,
  Plan,
  Score,
} from './workspace/workspace-data';

/**
 * The intake officer's workspace for one case: the person and their returns, the needs assessment
 * and its score, the plan and the supervisor's decision, referrals, consents, closure and the path.
 */
export function CaseWorkspace(props: { caseId: string }) {
  const { t } = useI18n();
  const view = api.useApi<CaseView>(intake(`/cases/${props.caseId}`));
  const returneeId = view.data?.returneeId;
  const person = api.useApi<Person>(returneeId ? intake(`/returnees/${returneeId}`) : null);
  const consents = api.useApi<Consent[]>(intake(`/cases/${props.caseId}/consents`));
  const assessments = api.useApi<AssessmentSummary[]>(intake(`/cases/${props.caseId}/assessments`));
  const scores = api.useApi<Score[]>(intake(`/cases/${props.caseId}/scores`));
  const plan = api.useApi<Plan>(intake(`/cases/${props.caseId}/plan`));
  const path = api.useApi<PathView>(returneeId ? intake(`/returnees/${returneeId}/path`) : null);
  const name = person.data ? `${person.data.firstNames} ${person.data.lastNames}` : '…';
  const reload = () => {
    view.reload();
    person.reload();
    consents.reload();
    assessments.reload();
    scores.reload();
    plan.reload();
    path.reload();
  };
  return (
    <>
      <p>
        <a href="#/cases">{t.workspace.back}</a>
      </p>
      <h1>{t.workspace.title(name)}</h1>
      <button type="button" className="secondary" onClick={reload}>
        {t.workspace.reload}
      </button>
      <ProblemMessage problem={view.error} genericTitle={t.genericError} />
      {view.loading && !view.data && <Loading label={t.loading} />}
      {view.data && (
        <div className="columns">
          <PersonSection caseId={props.caseId} caseStatus={view.data.status} person={person} />
          <ConsentsSection
            caseId={props.caseId}
            consents={consents}
            referrals={view.data.referrals}
            onChanged={reload}
          />
          <HouseholdSection caseId={props.caseId} minor={view.data.episode.minor} />
          <AssessmentSection caseId={props.caseId} assessments={assessments} onSaved={reload} />
          <ScoresSection scores={scores} />
          <TimelineSection caseId={props.caseId} path={path} />
          <PlanSection
            caseId={props.caseId}
            caseStatus={view.data.status}
            plan={plan}
            place={view.data.episode}
            onChanged={reload}
          />
          <ReferralsSection
            referrals={view.data.referrals}
            openReferrals={path.data?.openReferrals}
          />
          <ClosureSection
            caseId={props.caseId}
            caseStatus={view.data.status}
            proposal={view.data.closureProposal}
            onChanged={reload}
          />
          <TransferSection
            caseId={props.caseId}
            caseStatus={view.data.status}
            municipalityCode={view.data.episode.municipalityCode}
            onChanged={reload}
          />
        </div>
      )}
    </>
  );
}
