import type { Problem } from '@reintegra/ui-web';
import { type DuplicateCandidate, duplicatesOf } from '../registration';

/**
 * The outbox's rules, free of I/O (unit-tested): what each queued item sends, what a failure
 * means for the queue, and what the officer's choices on a conflict change.
 */
export type ItemKind = 'registration' | 'episode' | 'consent';

/** A request waiting for the network, as the screens and the sync see it (in memory, in clear). */
export interface OutboxItem {
  /** The request's Idempotency-Key: sent again after a lost answer, it is the same request. */
  id: string;
  kind: ItemKind;
  /** The order of sending (a person's consents always after their registration). */
  createdAt: number;
  state: 'waiting' | 'conflict';
  body: Record<string, unknown>;
  /** Who it is about, for the officer (never sent). */
  name: string;
  /** A consent's registration or new return, whose answer gives the case id. */
  dependsOn?: string;
  /** A consent's case, once known. */
  caseId?: string;
  /** A new return's person record. */
  returneeId?: string;
  /** The arrival-list entry a registration or new return comes from. */
  listId?: string;
  entryId?: string;
  conflict?: Conflict;
}

/** Why intake refused an item; ids only, no personal data. */
export interface Conflict {
  status: number;
  code: string;
  title: string;
  candidates?: DuplicateCandidate[];
}

/** The intake path and body an item sends; undefined while a consent's case is unknown. */
export function requestOf(item: OutboxItem): { path: string; body: unknown } | undefined {
  switch (item.kind) {
    case 'registration':
      return { path: '/returnees', body: item.body };
    case 'episode':
      return item.returneeId
        ? { path: `/returnees/${item.returneeId}/episodes`, body: item.body }
        : undefined;
    case 'consent':
      return item.caseId ? { path: `/cases/${item.caseId}/consents`, body: item.body } : undefined;
  }
}

const TRY_AGAIN = new Set([0, 408, 425, 429, 500, 502, 503, 504]);

/**
 * What a failed send means: `retry` (no network, the office server cannot reach intake, or the
 * same key still being processed — 409 with Retry-After), `signed-out` (the session ended: the
 * queue waits for the next sign-in) or `conflict` (intake refused it: the officer decides).
 */
export function outcomeOf(problem: Problem): 'retry' | 'signed-out' | 'conflict' {
  if (TRY_AGAIN.has(problem.status)) return 'retry';
  if (problem.status === 409 && problem.code === 'idempotency.in-progress') return 'retry';
  if (problem.status === 401) return 'signed-out';
  return 'conflict';
}

export function conflictOf(problem: Problem): Conflict {
  const candidates = duplicatesOf(problem);
  return {
    status: problem.status,
    code: problem.code,
    title: problem.title,
    ...(candidates && candidates.length > 0 ? { candidates } : {}),
  };
}

/** Waits between tries while the network is down: 2 s, 4 s, 8 s … at most a minute. */
export function retryDelay(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt));
}

/**
 * People with something waiting (a registration and its consents count as one); a person whose
 * registration intake refused is not waiting but for the officer's review.
 */
export function peopleWaiting(items: readonly OutboxItem[]): number {
  const byId = new Map(items.map((item) => [item.id, item]));
  const people = new Set<string>();
  for (const item of items) {
    if (item.state !== 'waiting') continue;
    const parent = item.dependsOn ? byId.get(item.dependsOn) : undefined;
    if (parent?.state === 'conflict') continue;
    people.add(
      item.kind !== 'consent' ? item.id : parent ? parent.id : `case:${item.caseId ?? item.id}`,
    );
  }
  return people.size;
}

export interface Changes {
  put: OutboxItem[];
  remove: string[];
}

const dependents = (items: readonly OutboxItem[], id: string) =>
  items.filter((item) => item.kind === 'consent' && item.dependsOn === id);

/** The fields of a registration that are also those of a new return (POST …/episodes). */
const EPISODE_FIELDS = [
  'returnDate',
  'countryReturnedFrom',
  'receptionPoint',
  'municipalityCode',
  'districtCode',
  'arrivalEntryId',
] as const;

/**
 * A refused item replaced by the one the officer chose, under a new key (another request; the
 * old key stays with the refused one), in the same place of the queue; its consents follow it.
 */
function replace(
  items: readonly OutboxItem[],
  item: OutboxItem,
  next: Omit<OutboxItem, 'createdAt' | 'name' | 'state' | 'listId' | 'entryId'>,
): Changes {
  const replacement: OutboxItem = {
    createdAt: item.createdAt,
    name: item.name,
    ...(item.listId ? { listId: item.listId } : {}),
    ...(item.entryId ? { entryId: item.entryId } : {}),
    ...next,
    state: 'waiting',
  };
  return {
    put: [
      replacement,
      ...dependents(items, item.id).map((consent) => ({ ...consent, dependsOn: next.id })),
    ],
    remove: [item.id],
  };
}

/** "Same person": a new return on the record intake found, instead of a new person. */
export function asNewReturn(
  items: readonly OutboxItem[],
  item: OutboxItem,
  returneeId: string,
  newId: string,
): Changes {
  const body = Object.fromEntries(
    EPISODE_FIELDS.filter((field) => item.body[field] !== undefined).map((field) => [
      field,
      item.body[field],
    ]),
  );
  return replace(items, item, { id: newId, kind: 'episode', returneeId, body });
}

/** "A different person" (a possible duplicate only): registered again, confirmed as new. */
export function asConfirmedNewPerson(
  items: readonly OutboxItem[],
  item: OutboxItem,
  newId: string,
): Changes {
  return replace(items, item, {
    id: newId,
    kind: 'registration',
    body: { ...item.body, confirmedNewPerson: true },
  });
}

/** Discarded by the officer: the item and the consents that wait on it. */
export function discarded(items: readonly OutboxItem[], item: OutboxItem): Changes {
  return { put: [], remove: [item.id, ...dependents(items, item.id).map((c) => c.id)] };
}
