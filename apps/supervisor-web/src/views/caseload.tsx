import { DataTable } from '../components/data-table';
import { Loading, ProblemMessage } from '../components/problem';
import { label, useI18n } from '../i18n';
import { useApi } from '../use-api';

interface Caseload {
  officers: { officer: string | null; openCases: number; openReferrals: number; overdue: number }[];
  providers: { provider: string; service: string | null; openReferrals: number; overdue: number }[];
}

export function CaseloadView() {
  const { t } = useI18n();
  const { data, error } = useApi<Caseload>('/api/caseload');
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <h1>{t.caseload.title}</h1>
      <div className="columns">
        <section aria-labelledby="per-officer">
          <h2 id="per-officer">{t.caseload.perOfficer}</h2>
          <DataTable
            columns={[
              t.caseload.officer,
              t.caseload.openCases,
              t.caseload.openReferrals,
              t.caseload.overdue,
            ]}
          >
            {data.officers.map((row) => (
              <tr key={row.officer ?? '-'}>
                <td>
                  {row.officer ? (
                    <a href={`#/cases?officer=${encodeURIComponent(row.officer)}`}>{row.officer}</a>
                  ) : (
                    t.caseload.unassigned
                  )}
                </td>
                <td>{row.openCases}</td>
                <td>{row.openReferrals}</td>
                <td className={row.overdue > 0 ? 'alarm-text' : undefined}>{row.overdue}</td>
              </tr>
            ))}
          </DataTable>
        </section>
        <section aria-labelledby="per-provider">
          <h2 id="per-provider">{t.caseload.perProvider}</h2>
          <DataTable
            columns={[
              t.caseload.provider,
              t.caseload.service,
              t.caseload.openReferrals,
              t.caseload.overdue,
            ]}
          >
            {data.providers.map((row) => (
              <tr key={`${row.provider}:${row.service ?? ''}`}>
                <td>{row.provider}</td>
                <td>{label(t.services, row.service)}</td>
                <td>{row.openReferrals}</td>
                <td className={row.overdue > 0 ? 'alarm-text' : undefined}>{row.overdue}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      </div>
    </>
  );
}
