/** Rules of a person's return episodes, pure for unit tests. Dates are YYYY-MM-DD. */

/** A new return is after the latest one recorded (a second submission of the same one is not). */
export function returnFollowsPrevious(previousReturnDate: string, returnDate: string): boolean {
  return returnDate > previousReturnDate;
}

export interface EpisodeToNumber {
  readonly id: string;
  readonly returnDate: string;
  readonly registeredAt: Date;
}

/**
 * Episode numbers of one person in the order the returns happened (ties: order of registration,
 * then id): after a merge the two records' episodes interleave and are numbered afresh.
 */
export function chronologicalEpisodeNumbers(
  episodes: readonly EpisodeToNumber[],
): Map<string, number> {
  const ordered = [...episodes].sort(
    (a, b) =>
      a.returnDate.localeCompare(b.returnDate) ||
      a.registeredAt.getTime() - b.registeredAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  return new Map(ordered.map((episode, index) => [episode.id, index + 1]));
}
