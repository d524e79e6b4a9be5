import { Loading, ProblemMessage } from '@reintegra/ui-web';
import { api, education } from '../../api';
import { useI18n } from '../../i18n';
import { OpenCard } from '../open-card';
import { CohortRoster } from './cohort-roster';

export interface Cohort {
  id: string;
  name: string;
  schedule: string;
  seats: number;
  seatsTaken: number;
  seatsAvailable?: number;
  waitlistLength: number;
  startsOn: string;
  endsOn: string;
  open: boolean;
}

/**
 * The education office's groups: seats taken, who waits, and one group's roster (drop with a
 * reason — the service promotes the first on the waitlist at once — and attendance by phone).
 */
export function EducationCohorts(props: { cohortId: string | undefined }) {
  const { t } = useI18n();
  const m = t.education;
  const list = api.useApi<Cohort[]>(props.cohortId ? null : education('/cohorts'));
  if (props.cohortId) return <CohortRoster cohortId={props.cohortId} />;
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <ProblemMessage problem={list.error} genericTitle={t.genericError} />
      {list.loading && !list.data && <Loading label={t.loading} />}
      {list.data && list.data.length === 0 && <p>{m.none}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="inbox" data-testid="cohorts">
          {list.data.map((cohort) => (
            <OpenCard
              key={cohort.id}
              testId="cohort"
              data={{ 'data-cohort-id': cohort.id }}
              title={cohort.name}
              href={`#/education-groups/${cohort.id}`}
              openLabel={m.open(cohort.name)}
              openText={m.openShort}
            >
              <p className="muted">{cohort.schedule}</p>
              <p data-testid="cohort-seats">
                {m.seats(cohort.seatsTaken, cohort.seats)} · {m.waitlist(cohort.waitlistLength)}
              </p>
            </OpenCard>
          ))}
        </ul>
      )}
    </>
  );
}
