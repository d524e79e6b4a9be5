import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import { formatDate, label, type Problem, ProblemMessage } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import type { Person } from './workspace-data';

const place = (municipality: string, district: string | null) =>
  [
    findMunicipality(municipality)?.name ?? municipality,
    district ? findDistrict(district)?.name : undefined,
  ]
    .filter(Boolean)
    .join(' · ');

/** The person and every return of theirs (episodes), this case's marked. */
export function PersonSection(props: {
  caseId: string;
  caseStatus: string;
  person: { data?: Person; error?: Problem };
}) {
  const { t, language } = useI18n();
  const person = props.person.data;
  return (
    <section aria-labelledby="person-title">
      <h2 id="person-title">{t.workspace.person}</h2>
      <ProblemMessage problem={props.person.error} genericTitle={t.genericError} />
      {person && (
        <dl className="facts" data-testid="person">
          <dt>{t.workspace.dui}</dt>
          <dd>{person.dui ?? '—'}</dd>
          <dt>{t.workspace.dateOfBirth}</dt>
          <dd>{formatDate(person.dateOfBirth, language)}</dd>
          <dt>{t.workspace.gender}</dt>
          <dd>{t.form.genders[person.gender] ?? person.gender}</dd>
          {person.contact && (
            <>
              <dt>{t.workspace.phone}</dt>
              <dd>{person.contact.phone ?? '—'}</dd>
            </>
          )}
          <dt>{t.workspace.status}</dt>
          <dd data-testid="case-status">{label(t.caseStatus, props.caseStatus)}</dd>
        </dl>
      )}
      <h3>{t.workspace.episodes}</h3>
      <ol className="plain" data-testid="episodes">
        {(person?.episodes ?? []).map((episode) => (
          <li key={episode.caseId}>
            <strong>{t.workspace.episode(episode.episodeNumber)}</strong>
            {episode.caseId === props.caseId && (
              <span className="tag">{t.workspace.thisEpisode}</span>
            )}{' '}
            · {formatDate(episode.returnDate, language)} · {t.workspace.from}{' '}
            {episode.countryReturnedFrom} · {place(episode.municipalityCode, episode.districtCode)}{' '}
            · {label(t.caseStatus, episode.status)}
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
  );
}
