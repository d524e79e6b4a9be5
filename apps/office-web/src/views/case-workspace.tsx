import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import {
  formatDate,
  formatDateTime,
  label,
  Loading,
  ProblemMessage,
  ScrollRegion,
} from '@reintegra/ui-web';
import { api, intake } from '../api';
import { useI18n } from '../i18n';

interface Referral {
  id: string;
  service: string;
  priority: string;
  providerIds: string[];
  status: string;
  statusChangedAt: string;
  statusReason: string | null;
  acceptedBy: string | null;
  acknowledgeBy: string;
  requestedAt: string;
}
interface CaseView {
  caseId: string;
  returneeId: string;
  status: string;
  episode: {
    episodeNumber: number;
    returnDate: string;
    countryReturnedFrom: string;
    receptionPoint: string;
    municipalityCode: string;
    districtCode: string | null;
    minor: boolean;
    registeredAt: string;
  };
  plan: { status: string; version: number; goalDimensions: string[] } | null;
  referrals: Referral[];
  closureProposal: { reason: string; proposedAt: string } | null;
}
interface Person {
  id: string;
  dui: string | null;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  gender: string;
  contact?: { phone: string | null; email: string | null };
  episodes: {
    caseId: string;
    episodeNumber: number;
    returnDate: string;
    countryReturnedFrom: string;
    municipalityCode: string;
    districtCode: string | null;
    status: string;
    links?: { case: string };
  }[];
}
interface Consent {
  id: string;
  purpose: string;
  scope: string | null;
  formVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
  active: boolean;
}
interface PathView {
  caseId: string;
  path: {
    phase: string;
    openedAt: string;
    history: { at: string; eventType: string; phase: string }[];
    overdueReferrals?: number;
  };
  openReferrals: {
    referralId: string;
    service: string;
    status: string;
    acknowledgeBy?: string;
    overdue: boolean;
    escalations: number;
  }[];
  nextFollowUp: { wave: number; dueAt: string } | null;
}

/** Read-mostly view of one case: the person, returns, consents, path and referrals. */
export function CaseWorkspace(props: { caseId: string }) {
  const { t, language } = useI18n();
  const view = api.useApi<CaseView>(intake(`/cases/${props.caseId}`));
  const person = api.useApi<Person>(
    view.data ? intake(`/returnees/${view.data.returneeId}`) : null,
  );
  const consents = api.useApi<Consent[]>(intake(`/cases/${props.caseId}/consents`));
  const path = api.useApi<PathView>(
    view.data ? intake(`/returnees/${view.data.returneeId}/path`) : null,
  );
  const name = person.data ? `${person.data.firstNames} ${person.data.lastNames}` : '…';
  const place = (municipality: string, district: string | null) =>
    [
      findMunicipality(municipality)?.name ?? municipality,
      district ? findDistrict(district)?.name : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
  const reload = () => {
    view.reload();
    person.reload();
    consents.reload();
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
          <section aria-labelledby="person-title">
            <h2 id="person-title">{t.workspace.person}</h2>
            <ProblemMessage problem={person.error} genericTitle={t.genericError} />
            {person.data && (
              <dl className="facts" data-testid="person">
                <dt>{t.workspace.dui}</dt>
                <dd>{person.data.dui ?? '—'}</dd>
                <dt>{t.workspace.dateOfBirth}</dt>
                <dd>{formatDate(person.data.dateOfBirth, language)}</dd>
                <dt>{t.workspace.gender}</dt>
                <dd>{t.form.genders[person.data.gender] ?? person.data.gender}</dd>
                {person.data.contact && (
                  <>
                    <dt>{t.workspace.phone}</dt>
                    <dd>{person.data.contact.phone ?? '—'}</dd>
                  </>
                )}
                <dt>{t.workspace.status}</dt>
                <dd data-testid="case-status">{label(t.caseStatus, view.data.status)}</dd>
              </dl>
            )}
            <h3>{t.workspace.episodes}</h3>
            <ol className="plain" data-testid="episodes">
              {(person.data?.episodes ?? []).map((episode) => (
                <li key={episode.caseId}>
                  <strong>{t.workspace.episode(episode.episodeNumber)}</strong>
                  {episode.caseId === props.caseId && (
                    <span className="tag">{t.workspace.thisEpisode}</span>
                  )}{' '}
                  · {formatDate(episode.returnDate, language)} · {t.workspace.from}{' '}
                  {episode.countryReturnedFrom} ·{' '}
                  {place(episode.municipalityCode, episode.districtCode)} ·{' '}
                  {label(t.caseStatus, episode.status)}
                  {episode.links && episode.caseId !== props.caseId && (
                    <>
                      {' '}
                      ·{' '}
                      <a href={`#/cases/${episode.caseId}`}>
                        {t.workspace.episode(episode.episodeNumber)}
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="consents-title">
            <h2 id="consents-title">{t.workspace.consents}</h2>
            <ProblemMessage problem={consents.error} genericTitle={t.genericError} />
            {consents.data && consents.data.length === 0 && <p>{t.workspace.noConsents}</p>}
            {consents.data && consents.data.length > 0 && (
              <ul className="plain" data-testid="consents">
                {consents.data.map((consent) => (
                  <li key={consent.id}>
                    <strong>
                      {label(t.purposes, consent.purpose)}
                      {consent.scope ? ` · ${label(t.services, consent.scope)}` : ''}
                    </strong>{' '}
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
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="path-title">
            <h2 id="path-title">{t.workspace.path}</h2>
            {path.error && (
              <p role="status">
                {path.error.code === 'path.not-started'
                  ? t.workspace.pathNotStarted
                  : path.error.title}
              </p>
            )}
            {path.data && (
              <>
                {path.data.caseId !== props.caseId && (
                  <p className="muted">{t.workspace.pathOfLatest}</p>
                )}
                <dl className="facts">
                  <dt>{t.workspace.phase}</dt>
                  <dd data-testid="path-phase">{label(t.phases, path.data.path.phase)}</dd>
                  <dt>{t.workspace.openedAt}</dt>
                  <dd>{formatDateTime(path.data.path.openedAt, language)}</dd>
                  <dt>{t.workspace.nextFollowUp}</dt>
                  <dd>
                    {path.data.nextFollowUp
                      ? `${formatDate(path.data.nextFollowUp.dueAt, language)} (${t.workspace.wave(path.data.nextFollowUp.wave)})`
                      : '—'}
                  </dd>
                </dl>
                <h3>{t.workspace.history}</h3>
                <ol className="timeline">
                  {path.data.path.history.map((entry) => (
                    <li key={`${entry.at}:${entry.eventType}`}>
                      {formatDateTime(entry.at, language)} · {label(t.phases, entry.phase)}
                    </li>
                  ))}
                </ol>
              </>
            )}
            <h3>{t.workspace.plan}</h3>
            <p>
              {view.data.plan
                ? t.workspace.planStatus(
                    label(t.workspace.planStatuses, view.data.plan.status),
                    view.data.plan.version,
                  )
                : t.workspace.noPlan}
            </p>
            {view.data.closureProposal && (
              <p>
                {t.workspace.closureProposed}: {view.data.closureProposal.reason}
              </p>
            )}
          </section>
          <section aria-labelledby="referrals-title" className="wide">
            <h2 id="referrals-title">{t.workspace.referrals}</h2>
            {view.data.referrals.length === 0 ? (
              <p>{t.workspace.noReferrals}</p>
            ) : (
              <ScrollRegion label={t.workspace.referrals}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.workspace.service}</th>
                      <th scope="col">{t.workspace.priority}</th>
                      <th scope="col">{t.workspace.status}</th>
                      <th scope="col">{t.workspace.deadline}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.data.referrals.map((referral) => {
                      const open = path.data?.openReferrals.find(
                        (r) => r.referralId === referral.id,
                      );
                      return (
                        <tr key={referral.id} data-testid="referral-row">
                          <td>{label(t.services, referral.service)}</td>
                          <td>{label(t.priorities, referral.priority)}</td>
                          <td>
                            {label(t.referralStatus, referral.status)}
                            {referral.acceptedBy ? ` · ${referral.acceptedBy}` : ''}
                          </td>
                          <td>
                            {formatDateTime(referral.acknowledgeBy, language)}
                            {open?.overdue && (
                              <span className="tag alarm">{t.workspace.overdue}</span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </section>
        </div>
      )}
    </>
  );
}
