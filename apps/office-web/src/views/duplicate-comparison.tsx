import { useEffect, useState } from 'react';
import { formatDate, type Problem, problemOf } from '@reintegra/ui-web';
import { api, intake } from '../api';
import { useI18n } from '../i18n';
import type { DuplicateCandidate, RegistrationForm } from '../registration';

interface Person {
  id: string;
  dui: string | null;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  gender: string;
  episodes: {
    episodeNumber: number;
    returnDate: string;
    countryReturnedFrom: string;
    status: string;
  }[];
}

/** The person arriving and each record intake offers, side by side. */
export function Comparison(props: {
  form: RegistrationForm;
  candidates: DuplicateCandidate[];
  busy: boolean;
  onSamePerson: (returneeId: string) => void;
}) {
  const { t, language } = useI18n();
  const [people, setPeople] = useState<Record<string, Person | Problem>>({});
  useEffect(() => {
    for (const candidate of props.candidates) {
      api.apiGet<Person>(intake(`/returnees/${candidate.returneeId}`)).then(
        (person) => setPeople((all) => ({ ...all, [candidate.returneeId]: person })),
        (failure: unknown) =>
          setPeople((all) => ({ ...all, [candidate.returneeId]: problemOf(failure) })),
      );
    }
  }, [props.candidates]);
  const gender = (value: string) => t.form.genders[value] ?? value;
  return (
    <div className="comparison" data-testid="comparison">
      <article className="card arriving" aria-labelledby="arriving-title">
        <h2 id="arriving-title">{t.duplicates.arriving}</h2>
        <dl className="facts">
          <dt>{t.form.firstNames}</dt>
          <dd>{props.form.firstNames}</dd>
          <dt>{t.form.lastNames}</dt>
          <dd>{props.form.lastNames}</dd>
          <dt>{t.form.dateOfBirth}</dt>
          <dd>{formatDate(props.form.dateOfBirth, language)}</dd>
          <dt>{t.form.dui}</dt>
          <dd>{props.form.dui || '—'}</dd>
          <dt>{t.form.gender}</dt>
          <dd>{gender(props.form.gender)}</dd>
        </dl>
      </article>
      {props.candidates.map((candidate, index) => {
        const person = people[candidate.returneeId];
        const n = index + 1;
        const last = person && 'episodes' in person ? person.episodes.at(-1) : undefined;
        return (
          <article
            key={candidate.returneeId}
            className="card candidate"
            aria-labelledby={`candidate-${n}`}
            data-testid="candidate"
          >
            <h2 id={`candidate-${n}`}>{t.duplicates.candidate(n)}</h2>
            {person === undefined && <p role="status">{t.loading}</p>}
            {person && 'status' in person && !('episodes' in person) && (
              <p>{person.status === 403 ? t.duplicates.otherMunicipality : person.title}</p>
            )}
            {person && 'episodes' in person && (
              <dl className="facts">
                <dt>{t.form.firstNames}</dt>
                <dd>{person.firstNames}</dd>
                <dt>{t.form.lastNames}</dt>
                <dd>{person.lastNames}</dd>
                <dt>{t.form.dateOfBirth}</dt>
                <dd>{formatDate(person.dateOfBirth, language)}</dd>
                <dt>{t.form.dui}</dt>
                <dd>{person.dui ?? '—'}</dd>
                <dt>{t.form.gender}</dt>
                <dd>{gender(person.gender)}</dd>
                <dt>{t.duplicates.episodes}</dt>
                <dd>{person.episodes.length}</dd>
                {last && (
                  <>
                    <dt>{t.duplicates.lastReturn}</dt>
                    <dd>
                      {formatDate(last.returnDate, language)} · {last.countryReturnedFrom}
                    </dd>
                  </>
                )}
              </dl>
            )}
            {candidate.nameSimilarity !== null && (
              <p className="muted">
                {t.duplicates.similarity}: {Math.round(candidate.nameSimilarity * 100)} %
                {candidate.sameDateOfBirth ? ` · ${t.duplicates.sameBirth}` : ''}
              </p>
            )}
            <button
              type="button"
              disabled={props.busy}
              onClick={() => props.onSamePerson(candidate.returneeId)}
            >
              {t.duplicates.samePerson}
              <span className="visually-hidden"> ({t.duplicates.candidate(n)})</span>
            </button>
          </article>
        );
      })}
    </div>
  );
}
