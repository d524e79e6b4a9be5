import { Fragment } from 'react';
import { formatDateTime, label, type Problem, ProblemMessage } from '@reintegra/ui-web';
import { useI18n } from '../../i18n';
import { DIMENSIONS, type Dimension, type Score } from './workspace-data';

/** The dimension of each indicator intake scores (scoring versions share them). */
const INDICATOR_DIMENSION: Record<string, Dimension> = {
  'employment-and-income': 'economic',
  'economic-satisfaction': 'economic',
  'food-security': 'economic',
  'debt-and-borrowing': 'economic',
  'skills-and-employability': 'economic',
  housing: 'social',
  'basic-services': 'social',
  'documentation-and-legal': 'social',
  health: 'social',
  'education-access': 'social',
  'social-participation': 'psychosocial',
  'support-network': 'psychosocial',
  'sense-of-belonging': 'psychosocial',
  'wellbeing-and-safety': 'psychosocial',
  'remigration-intention': 'psychosocial',
};

const points = (value: number | undefined) =>
  value === undefined ? undefined : Math.round(value * 100);

/**
 * The latest sustainability score by dimension, and what drove it: each dimension's indicators,
 * weakest first (what pulls the score down is what the plan should address).
 */
export function ScoresSection(props: { scores: { data?: Score[]; error?: Problem } }) {
  const { t, language } = useI18n();
  const text = t.workspace.scores;
  const { scores } = props;
  const latest = scores.data?.at(-1);
  return (
    <section aria-labelledby="scores-title">
      <h2 id="scores-title">{text.title}</h2>
      <ProblemMessage problem={scores.error} genericTitle={t.genericError} />
      {scores.data && !latest && <p>{text.none}</p>}
      {latest && (
        <div data-testid="scores">
          <p className="muted">{text.intro}</p>
          <dl className="facts">
            {[...DIMENSIONS, 'composite' as const].map((dimension) => (
              <Fragment key={dimension}>
                <dt>{text.dimensions[dimension]}</dt>
                <dd data-testid={`score-${dimension}`}>
                  {points(latest.scores[dimension]) ?? text.missing}
                </dd>
              </Fragment>
            ))}
            <dt>{text.risk}</dt>
            <dd data-testid="risk-level">{label(text.risks, latest.riskLevel)}</dd>
          </dl>
          <h3>{text.drivers}</h3>
          {DIMENSIONS.map((dimension) => {
            const indicators = Object.entries(latest.indicators)
              .filter(([id]) => INDICATOR_DIMENSION[id] === dimension)
              .sort(([, a], [, b]) => a - b);
            const share = latest.answeredShare[dimension];
            return (
              <div key={dimension} data-testid={`drivers-${dimension}`}>
                <h4>
                  {text.dimensions[dimension]}
                  {share !== undefined && (
                    <span className="muted"> · {text.answered(Math.round(share * 100))}</span>
                  )}
                </h4>
                <ul className="plain">
                  {indicators.map(([id, value]) => (
                    <li key={id}>
                      {label(text.indicators, id)}: <strong>{points(value)}</strong>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          <p className="muted">
            {text.version(latest.scoringVersion)} · {formatDateTime(latest.computedAt, language)}
          </p>
        </div>
      )}
    </section>
  );
}
