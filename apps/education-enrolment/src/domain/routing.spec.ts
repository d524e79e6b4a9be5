import { rankCohorts } from './routing';

const cohort = (
  cohortId: string,
  providerId: string,
  schoolReEntry: boolean,
  seatsAvailable: number,
  startsOn = '2027-01-10',
) => ({ cohortId, providerId, schoolReEntry, seatsAvailable, startsOn });

const candidates = [
  cohort('night-adults', 'p1', false, 5),
  cohort('re-entry-full', 'p2', true, 0),
  cohort('re-entry-free', 'p2', true, 3, '2027-02-01'),
  cohort('elsewhere', 'p9', true, 9),
];

describe('referral routing order', () => {
  it('sends a minor to school re-entry programmes first, free seats before full', () => {
    expect(rankCohorts(candidates, ['p1', 'p2'], true).map((c) => c.cohortId)).toEqual([
      're-entry-free',
      're-entry-full',
      'night-adults',
    ]);
  });

  it('follows the referral provider order for an adult, never a provider not asked', () => {
    expect(rankCohorts(candidates, ['p1', 'p2'], false).map((c) => c.cohortId)).toEqual([
      'night-adults',
      're-entry-free',
      're-entry-full',
    ]);
  });
});
