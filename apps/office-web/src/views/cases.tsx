import { type FormEvent, useState } from 'react';
import {
  formatDate,
  label,
  Loading,
  ProblemMessage,
  queryString,
  ScrollRegion,
  TableHead,
} from '@reintegra/ui-web';
import { api, intake } from '../api';
import { useI18n } from '../i18n';

interface CaseItem {
  caseId: string;
  returneeId: string;
  firstNames: string;
  lastNames: string;
  episodeNumber: number;
  returnDate: string;
  status: string;
  minor: boolean;
}
interface ReturneeItem {
  returneeId: string;
  firstNames: string;
  lastNames: string;
  dui: string | null;
  latestCase: {
    caseId: string;
    episodeNumber: number;
    returnDate: string;
    status: string;
    minor: boolean;
  };
}
interface Page<T> {
  items: T[];
  links: { next?: string };
}

/** The office's cases, newest return first; or the people whose name or DUI matches. */
export function CasesView() {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<string>();
  const cases = api.useApi<Page<CaseItem>>(search ? null : intake('/cases?limit=50'));
  const people = api.useApi<Page<ReturneeItem>>(
    search ? intake(`/returnees${queryString({ q: search, limit: 50 })}`) : null,
  );
  const rows: CaseItem[] = search
    ? (people.data?.items ?? []).map((p) => ({
        caseId: p.latestCase.caseId,
        returneeId: p.returneeId,
        firstNames: p.firstNames,
        lastNames: p.lastNames,
        episodeNumber: p.latestCase.episodeNumber,
        returnDate: p.latestCase.returnDate,
        status: p.latestCase.status,
        minor: p.latestCase.minor,
      }))
    : (cases.data?.items ?? []);
  const current = search ? people : cases;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(query.trim().length >= 2 ? query.trim() : undefined);
  };
  return (
    <>
      <h1>{t.cases.title}</h1>
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="case-search">{t.cases.search}</label>
          <input
            id="case-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
          />
        </div>
        <button type="submit">{t.cases.searchButton}</button>
        {search && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setQuery('');
              setSearch(undefined);
            }}
          >
            {t.cases.clear}
          </button>
        )}
      </form>
      <ProblemMessage problem={current.error} genericTitle={t.genericError} />
      {current.loading && !current.data && <Loading label={t.loading} />}
      {current.data && rows.length === 0 && <p>{t.cases.none}</p>}
      {rows.length > 0 && (
        <ScrollRegion label={t.cases.title}>
          <table>
            <TableHead
              columns={[t.cases.name, t.cases.returnDate, t.cases.episode, t.cases.status]}
            />
            <tbody>
              {rows.map((row) => (
                <tr key={row.caseId} data-testid="case-row">
                  <td>
                    <a href={`#/cases/${row.caseId}`}>
                      {row.firstNames} {row.lastNames}
                    </a>
                    {row.minor && <span className="tag">{t.cases.minor}</span>}
                  </td>
                  <td>{formatDate(row.returnDate, language)}</td>
                  <td>{row.episodeNumber}</td>
                  <td>{label(t.caseStatus, row.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
