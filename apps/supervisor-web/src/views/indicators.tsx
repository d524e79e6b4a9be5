import { useState } from 'react';
import { ApiError, type Problem, session } from '../api';
import { BarChart } from '../components/bar-chart';
import { DataTable } from '../components/data-table';
import { Loading, ProblemMessage } from '../components/problem';
import { label, useI18n } from '../i18n';
import { useApi } from '../use-api';

type Cell = number | '<5' | null;

interface IndicatorData {
  funnel: { service: string; referred: Cell; accepted: Cell; completed: Cell }[];
  timeToAcceptanceHours: { service: string; accepted: Cell; median: Cell; p90: Cell }[];
  monthly: { month: string; placements: Cell; enrolments: Cell }[];
  scoresByWave: {
    wave: number;
    cases: Cell;
    composite: Cell;
    economic: Cell;
    social: Cell;
    psychosocial: Cell;
  }[];
}

const bar = (name: string, value: Cell) => ({
  label: name,
  value: typeof value === 'number' ? value : null,
  ...(value === '<5' ? { text: '<5' } : {}),
});
const show = (value: Cell) => (value === null ? '—' : String(value));

export function IndicatorsView() {
  const { t, language } = useI18n();
  const { data, error } = useApi<IndicatorData>('/api/indicators');
  const [downloadProblem, setDownloadProblem] = useState<Problem>();
  const download = async () => {
    // A plain link cannot carry the bearer token: fetch, then hand the file to the browser.
    const response = await fetch('/api/indicators.csv', {
      headers: { authorization: `Bearer ${session.token() ?? ''}`, 'accept-language': language },
    });
    if (!response.ok) {
      setDownloadProblem(new ApiError((await response.json()) as Problem).problem);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = 'reintegra-indicadores.csv';
    link.click();
    URL.revokeObjectURL(url);
  };
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <h1>{t.indicators.title}</h1>
      <p className="muted">{t.indicators.suppressed}</p>
      <button type="button" onClick={() => void download()}>
        {t.indicators.exportCsv}
      </button>
      <ProblemMessage problem={downloadProblem} />
      <h2>{t.indicators.funnel}</h2>
      <div className="columns">
        {data.funnel.map((row) => (
          <BarChart
            key={row.service}
            title={label(t.services, row.service)}
            bars={[
              bar(t.indicators.referred, row.referred),
              bar(t.indicators.accepted, row.accepted),
              bar(t.indicators.completed, row.completed),
            ]}
          />
        ))}
      </div>
      <h2>{t.indicators.timeToAcceptance}</h2>
      <DataTable
        columns={[t.cases.service, t.indicators.accepted, t.indicators.median, t.indicators.p90]}
      >
        {data.timeToAcceptanceHours.map((row) => (
          <tr key={row.service}>
            <td>{label(t.services, row.service)}</td>
            <td>{show(row.accepted)}</td>
            <td>{show(row.median)}</td>
            <td>{show(row.p90)}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t.indicators.monthly}</h2>
      <div className="columns">
        <BarChart
          title={t.indicators.placements}
          bars={data.monthly.map((m) => bar(m.month, m.placements))}
        />
        <BarChart
          title={t.indicators.enrolments}
          bars={data.monthly.map((m) => bar(m.month, m.enrolments))}
        />
      </div>
      <h2>{t.indicators.scores}</h2>
      <DataTable
        columns={[
          t.indicators.wave,
          t.indicators.cases,
          t.indicators.composite,
          t.indicators.economic,
          t.indicators.social,
          t.indicators.psychosocial,
        ]}
      >
        {data.scoresByWave.map((row) => (
          <tr key={row.wave}>
            <td>{row.wave === 0 ? t.indicators.baseline : row.wave}</td>
            <td>{show(row.cases)}</td>
            <td>{show(row.composite)}</td>
            <td>{show(row.economic)}</td>
            <td>{show(row.social)}</td>
            <td>{show(row.psychosocial)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
