import type { EventEnvelope } from '@reintegra/event-contracts';

/** One message as any consumer of the topics sees it: where it sat, when Kafka stamped it. */
export interface AttackerMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The Kafka record timestamp (ms). */
  readonly kafkaTime: number;
  readonly event: EventEnvelope<Record<string, unknown>>;
}

/** The two sides of one step: case-keyed events and reference-keyed events. */
export interface Sides {
  readonly caseSide: readonly AttackerMessage[];
  readonly referenceSide: readonly AttackerMessage[];
}

export const JOIN_STRATEGIES = [
  'equal-time',
  'near-time',
  'shared-ids',
  'partition-adjacency',
] as const;
export type JoinStrategy = (typeof JOIN_STRATEGIES)[number];

const NEAR_MS = 1_000;

const DATE_TIME = /^\d{4}-\d\d-\d\dT/;

/** Every instant a message shows: envelope time, Kafka timestamp, any date-time in its data. */
function instants(message: AttackerMessage): number[] {
  const inData = Object.values(message.event.data).filter(
    (value): value is string => typeof value === 'string' && DATE_TIME.test(value),
  );
  return [Date.parse(message.event.time), message.kafkaTime, ...inData.map((v) => Date.parse(v))];
}

function ids(message: AttackerMessage): string[] {
  const { id, correlationid, causationid } = message.event;
  return [id, correlationid, ...(causationid ? [causationid] : [])];
}

/** How close two messages are by one strategy; undefined when the strategy sees no link. */
function distance(
  strategy: JoinStrategy,
  reference: AttackerMessage,
  candidate: AttackerMessage,
): number | undefined {
  switch (strategy) {
    case 'equal-time': {
      const theirs = new Set(instants(candidate));
      return instants(reference).some((t) => theirs.has(t)) ? 0 : undefined;
    }
    case 'near-time': {
      const gaps = instants(reference).flatMap((a) =>
        instants(candidate).map((b) => Math.abs(a - b)),
      );
      const nearest = Math.min(...gaps);
      return nearest <= NEAR_MS ? nearest : undefined;
    }
    case 'shared-ids': {
      const theirs = new Set(ids(candidate));
      return ids(reference).some((id) => theirs.has(id)) ? 0 : undefined;
    }
    case 'partition-adjacency':
      return reference.topic === candidate.topic &&
        reference.partition === candidate.partition &&
        Math.abs(reference.offset - candidate.offset) === 1
        ? 0
        : undefined;
  }
}

/**
 * The attacker's expected number of right pairings: for each reference it picks the closest
 * case-side message(s); a tie among k cases that includes the right one counts 1/k.
 */
export function joinScore(
  strategy: JoinStrategy,
  sides: Sides,
  truth: ReadonlyMap<string, string>,
): number {
  let score = 0;
  for (const reference of sides.referenceSide) {
    const scored = sides.caseSide
      .map((candidate) => ({
        caseId: candidate.event.subject,
        d: distance(strategy, reference, candidate),
      }))
      .filter((c): c is { caseId: string; d: number } => c.d !== undefined);
    if (scored.length === 0) continue;
    const best = Math.min(...scored.map((c) => c.d));
    const tied = new Set(scored.filter((c) => c.d === best).map((c) => c.caseId));
    if (tied.has(truth.get(reference.event.subject) ?? '')) score += 1 / tied.size;
  }
  return score;
}

/** Right pairings expected from guessing blindly among n cases, n references. */
export function chanceLevel(n: number): number {
  return n * (1 / n);
}
