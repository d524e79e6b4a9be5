import { useId, useState } from 'react';
import { Loading, ProblemMessage } from '../components/problem';
import { label, useI18n } from '../i18n';
import { useApi } from '../use-api';

interface WaveCell {
  wave: 'pre' | 'post';
  n: number | null;
  mean: number | null;
  suppressed: boolean;
}

interface Outcomes {
  questionnaireVersion: string;
  items: { itemId: string; reversed: boolean; waves: WaveCell[] }[];
}

/**
 * Pre/post pulse survey means of one municipality, as the community service computes them
 * (cells under 5 answers come already hidden). Shown only with a municipality to choose.
 */
export function CommunityCohesion(props: { municipalities: { code: string; name: string }[] }) {
  const { t, language } = useI18n();
  const c = t.community;
  const selectId = useId();
  // The first municipality (by name) until the supervisor picks another.
  const [code, setCode] = useState(props.municipalities[0]?.code ?? '');
  const { data, error } = useApi<Outcomes>(
    `/api/community-inclusion/cohesion?municipality=${encodeURIComponent(code)}`,
  );
  const number = new Intl.NumberFormat(language === 'es' ? 'es-SV' : 'en-US', {
    maximumFractionDigits: 2,
  });
  const cell = (w: WaveCell | undefined) => {
    if (!w || (w.n === null && !w.suppressed)) return c.noAnswers;
    if (w.suppressed || w.mean === null || w.n === null) return '<5';
    return `${number.format(w.mean)} (${c.answers(w.n)})`;
  };
  return (
    <section aria-labelledby="cohesion-title" data-testid="community-cohesion">
      <h2 id="cohesion-title">{c.cohesion}</h2>
      <p className="muted">{c.cohesionIntro}</p>
      <p>
        <label htmlFor={selectId}>{c.municipality}</label>{' '}
        <select id={selectId} value={code} onChange={(event) => setCode(event.target.value)}>
          {props.municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </p>
      {error && <ProblemMessage problem={error} />}
      {!error && !data && <Loading />}
      {data && (
        <ul className="plain">
          {data.items.map((item) => (
            <li key={item.itemId} data-item-id={item.itemId}>
              <strong>
                {label(c.items, item.itemId)}
                {item.reversed ? ` (${c.lowerIsBetter})` : ''}
              </strong>
              <br />
              {c.pre}:{' '}
              <span data-testid="pre">{cell(item.waves.find((w) => w.wave === 'pre'))}</span> ·{' '}
              {c.post}:{' '}
              <span data-testid="post">{cell(item.waves.find((w) => w.wave === 'post'))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
