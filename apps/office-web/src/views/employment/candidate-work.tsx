import { useState } from 'react';
import { Loading, ProblemMessage } from '@reintegra/ui-web';
import { api, employment } from '../../api';
import { useI18n } from '../../i18n';
import { CandidateMatches } from './candidate-matches';
import { type Candidate, CandidateProfile } from './candidate-profile';

/**
 * One accepted person, for the employment caseworker: the skills profile, the vacancies ranked
 * for them with the reasons, the placement and its retention follow-up. Only the pseudonymous
 * candidate code is shown: the name stays with intake and, under consent, the employer.
 */
export function CandidateWork(props: { caseId: string }) {
  const { t } = useI18n();
  const m = t.employment;
  const candidate = api.useApi<Candidate>(employment(`/candidates/${props.caseId}`));
  const [notice, setNotice] = useState<string>();
  const who = candidate.data?.code ?? props.caseId.slice(0, 8);
  return (
    <>
      <p>
        <a href="#/employment-inbox">{m.back}</a>
      </p>
      <h1>{m.title(who)}</h1>
      {notice && (
        <p className="notice" role="status" data-testid="profile-notice">
          {notice}
        </p>
      )}
      <ProblemMessage problem={candidate.error} genericTitle={t.genericError} />
      {candidate.loading && !candidate.data && <Loading label={t.loading} />}
      {candidate.data && (
        <CandidateProfile
          key={candidate.data.version}
          candidate={candidate.data}
          onSaved={() => {
            setNotice(m.profileSaved);
            candidate.reload();
          }}
          onStale={() => {
            setNotice(m.changedMeanwhile);
            candidate.reload();
          }}
        />
      )}
      {candidate.data?.profiled ? (
        <CandidateMatches caseId={props.caseId} version={candidate.data.version} />
      ) : (
        candidate.data && <p className="muted">{m.profileFirst}</p>
      )}
    </>
  );
}
