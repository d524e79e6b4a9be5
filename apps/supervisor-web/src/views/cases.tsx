import { type FormEvent, useEffect, useState } from 'react';
import { CASE_PHASES, REFERRAL_PRIORITIES, REFERRAL_SERVICES } from '@reintegra/vocabulary';
import { queryString } from '../api';
import type { Me } from '../app';
import { DataTable } from '../components/data-table';
import { Loading, ProblemMessage } from '../components/problem';
import { formatDate, formatDateTime, label, useI18n } from '../i18n';
import { navigate } from '../router';
import { useApi } from '../use-api';

interface CaseRow {
  caseId: string;
  municipalityName: string | null;
  phase: string;
  riskLevel: string | null;
  officer: string | null;
  registeredAt: string;
  minor: boolean;
  planStatus: string | null;
  closureProposed: boolean;
  openReferrals: number;
  overdueReferrals: number;
  nextDeadline: string | null;
}

const FILTERS = [
  'municipality',
  'phase',
  'service',
  'priority',
  'overdue',
  'officer',
  'from',
  'to',
] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
// Child protection has no ordinary referrals yet (its confidential channel does not exist), so
// filtering on it would always come back empty.
const SERVICES = REFERRAL_SERVICES.filter((service) => service !== 'child-protection');
const PAGE = 25;

/** Filters live in the address (`#/cases?overdue=true`), so a filtered list can be shared and reloaded. */
export function CasesView({ params, me }: { params: URLSearchParams; me: Me | undefined }) {
  const { t, language } = useI18n();
  const applied: Filters = Object.fromEntries(
    FILTERS.filter((name) => params.get(name)).map((name) => [name, params.get(name) ?? '']),
  );
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState<Filters>(applied);
  const appliedKey = params.toString();
  // Back/forward and links change the address: the form follows.
  useEffect(() => setDraft(applied), [appliedKey]);
  const { data, error, loading } = useApi<{ total: number; items: CaseRow[] }>(
    `/api/cases${queryString({ ...applied, limit: PAGE, offset: offset || undefined })}`,
  );
  const municipalities = useApi<{ code: string; name: string }[]>(
    me && me.municipalityCode === null ? '/api/municipalities' : null,
  );
  const go = (filters: Filters, newOffset = 0) =>
    navigate(`#/cases${queryString({ ...filters, offset: newOffset || undefined })}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(draft);
  };
  const field = (name: keyof Filters) => ({
    id: `filter-${name}`,
    name,
    value: draft[name] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  return (
    <>
      <h1>{t.cases.title}</h1>
      <form className="filters" onSubmit={submit} aria-label={t.cases.filters}>
        {me && me.municipalityCode === null && (
          <label>
            {t.cases.municipality}
            <select {...field('municipality')}>
              <option value="">{t.cases.allMunicipalities}</option>
              {(municipalities.data ?? []).map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t.cases.phase}
          <select {...field('phase')}>
            <option value="">{t.cases.any}</option>
            {CASE_PHASES.map((phase) => (
              <option key={phase} value={phase}>
                {label(t.phases, phase)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.cases.service}
          <select {...field('service')}>
            <option value="">{t.cases.any}</option>
            {SERVICES.map((service) => (
              <option key={service} value={service}>
                {label(t.services, service)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.cases.priority}
          <select {...field('priority')}>
            <option value="">{t.cases.any}</option>
            {REFERRAL_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {label(t.priorities, priority)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.cases.overdue}
          <select {...field('overdue')}>
            <option value="">{t.cases.any}</option>
            <option value="true">{t.cases.yes}</option>
            <option value="false">{t.cases.no}</option>
          </select>
        </label>
        <label>
          {t.cases.officer}
          <input type="text" {...field('officer')} />
        </label>
        <label>
          {t.cases.from}
          <input type="date" {...field('from')} />
        </label>
        <label>
          {t.cases.to}
          <input type="date" {...field('to')} />
        </label>
        <div className="actions">
          <button type="submit">{t.cases.apply}</button>
          <button type="button" className="secondary" onClick={() => go({})}>
            {t.cases.clear}
          </button>
        </div>
      </form>
      <ProblemMessage problem={error} />
      {loading && !data && <Loading />}
      {data && !error && (
        <>
          <p role="status" data-testid="case-count">
            {t.cases.results(data.total)}
          </p>
          {data.items.length === 0 ? (
            <p>{t.cases.none}</p>
          ) : (
            <DataTable
              columns={[
                t.cases.case,
                t.cases.municipality,
                t.cases.phase,
                t.cases.risk,
                t.cases.openReferrals,
                t.cases.overdueReferrals,
                t.cases.nextDeadline,
                t.cases.officer,
                t.cases.registered,
              ]}
            >
              {data.items.map((row) => (
                <tr key={row.caseId} data-testid="case-row">
                  <td>
                    <a href={`#/cases/${row.caseId}`}>{row.caseId.slice(0, 8)}</a>
                    {row.minor && <span className="tag">{t.cases.minor}</span>}
                    {row.planStatus === 'submitted' && (
                      <span className="tag">{t.cases.pendingPlan}</span>
                    )}
                    {row.closureProposed && <span className="tag">{t.cases.pendingClosure}</span>}
                  </td>
                  <td>{row.municipalityName}</td>
                  <td>{label(t.phases, row.phase)}</td>
                  <td>{label(t.risk, row.riskLevel)}</td>
                  <td>{row.openReferrals}</td>
                  <td className={row.overdueReferrals > 0 ? 'alarm-text' : undefined}>
                    {row.overdueReferrals}
                  </td>
                  <td>{formatDateTime(row.nextDeadline, language)}</td>
                  <td>{row.officer ?? '—'}</td>
                  <td>{formatDate(row.registeredAt, language)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <nav className="pager" aria-label={t.cases.title}>
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => go(applied, Math.max(0, offset - PAGE))}
            >
              {t.cases.previous}
            </button>
            <span>
              {t.cases.page(
                Math.min(offset + 1, data.total),
                Math.min(offset + PAGE, data.total),
                data.total,
              )}
            </span>
            <button
              type="button"
              disabled={offset + PAGE >= data.total}
              onClick={() => go(applied, offset + PAGE)}
            >
              {t.cases.next}
            </button>
          </nav>
        </>
      )}
    </>
  );
}
