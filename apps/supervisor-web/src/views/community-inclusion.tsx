import { Loading, ProblemMessage } from '../components/problem';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';
import { CommunityCohesion } from './community-cohesion';

type Cell = number | '<5';

interface MunicipalityInclusion {
  municipalityCode: string;
  municipalityName: string;
  activitiesRunning: number;
  participants: { total: Cell; returnees: Cell; hostCommunity: Cell };
  sustained: Cell;
  retention: {
    reachedSustained: Cell;
    stillSustained: Cell;
    droppedOff: Cell;
    stillSustainedPercent: Cell | null;
  };
  ruleVersions: string[];
}

const show = (value: Cell | null) => (value === null ? '—' : String(value));

/** Community inclusion per municipality (from the community service's events), people suppressed. */
export function CommunityInclusionView() {
  const { t } = useI18n();
  const { data, error } = useApi<{ municipalities: MunicipalityInclusion[] }>(
    '/api/community-inclusion',
  );
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  const c = t.community;
  return (
    <>
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      <p className="muted">{c.suppressed}</p>
      {data.municipalities.length === 0 && <p>{c.none}</p>}
      <div className="municipality-cards">
        {data.municipalities.map((m) => (
          <section
            key={m.municipalityCode}
            className="municipality-card"
            aria-labelledby={`community-${m.municipalityCode}`}
            data-testid="community-municipality"
            data-municipality-code={m.municipalityCode}
          >
            <h2 id={`community-${m.municipalityCode}`}>{m.municipalityName}</h2>
            <dl className="facts">
              <dt>{c.activitiesRunning}</dt>
              <dd data-testid="activities-running">{m.activitiesRunning}</dd>
              <dt>{c.participants}</dt>
              <dd data-testid="participants">{show(m.participants.total)}</dd>
              <dt>{c.returnees}</dt>
              <dd data-testid="returnees">{show(m.participants.returnees)}</dd>
              <dt>
                {c.hostCommunity} <span className="muted">({c.hostCommunityHint})</span>
              </dt>
              <dd data-testid="host-community">{show(m.participants.hostCommunity)}</dd>
              <dt>{c.sustained}</dt>
              <dd data-testid="sustained">{show(m.sustained)}</dd>
            </dl>
            <h3>{c.retention}</h3>
            <dl className="facts">
              <dt>{c.reachedSustained}</dt>
              <dd data-testid="reached-sustained">{show(m.retention.reachedSustained)}</dd>
              <dt>{c.stillSustained}</dt>
              <dd data-testid="still-sustained">{show(m.retention.stillSustained)}</dd>
              <dt>{c.droppedOff}</dt>
              <dd data-testid="dropped-off">{show(m.retention.droppedOff)}</dd>
              <dt>{c.stillSustainedPercent}</dt>
              <dd data-testid="still-sustained-percent">
                {show(m.retention.stillSustainedPercent)}
              </dd>
            </dl>
            <p className="muted">
              {c.rule}: {m.ruleVersions.length ? m.ruleVersions.join(', ') : c.noRule}
            </p>
          </section>
        ))}
      </div>
      {data.municipalities.length > 0 && (
        <CommunityCohesion
          municipalities={data.municipalities.map((m) => ({
            code: m.municipalityCode,
            name: m.municipalityName,
          }))}
        />
      )}
    </>
  );
}
