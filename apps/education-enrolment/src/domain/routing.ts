/** What routing knows of a candidate cohort. */
export interface CohortCandidate {
  cohortId: string;
  providerId: string;
  schoolReEntry: boolean;
  seatsAvailable: number;
  startsOn: string;
}

/**
 * Order in which a referral tries cohorts: for a minor, school re-entry programmes first whoever
 * runs them (product brief: minors go back to school); then providers in the referral's routing
 * order, cohorts with free seats before full ones, the earliest start first.
 */
export function rankCohorts<T extends CohortCandidate>(
  candidates: readonly T[],
  providerOrder: readonly string[],
  minor: boolean,
): T[] {
  const providerRank = (id: string) => providerOrder.indexOf(id);
  return candidates
    .filter((c) => providerRank(c.providerId) >= 0)
    .sort(
      (a, b) =>
        (minor ? Number(b.schoolReEntry) - Number(a.schoolReEntry) : 0) ||
        providerRank(a.providerId) - providerRank(b.providerId) ||
        Number(b.seatsAvailable > 0) - Number(a.seatsAvailable > 0) ||
        a.startsOn.localeCompare(b.startsOn) ||
        a.cohortId.localeCompare(b.cohortId),
    );
}
