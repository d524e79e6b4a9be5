/**
 * The reception's offline store in IndexedDB: the queue of registrations and consents waiting
 * for the network, and the last loaded arrival list (the screen needs it without a network).
 * Only what the screens need is kept, and a queued item is deleted the moment intake took it.
 * The browser profile is the officer's office computer or phone: what is queued is as safe as
 * that device (lock the screen; sign out at the end of the shift, which clears the lists).
 */
const DB_NAME = 'reintegra-office';
/** The case id of a person registered offline, until intake gives the real one. */
export const QUEUED = 'queued:';
const QUEUE = 'queue';
const LISTS = 'lists';

export type QueuedItem =
  | {
      id: string; // the Idempotency-Key of the request
      kind: 'registration';
      createdAt: number;
      listId: string;
      entryId: string;
      name: string;
      body: unknown;
      conflict?: string;
    }
  | {
      id: string;
      kind: 'consent';
      createdAt: number;
      dependsOn: string; // the registration it belongs to, until its case id is known
      caseId?: string;
      name: string;
      body: unknown;
      conflict?: string;
    };

export interface CachedList {
  id: string;
  list: unknown;
  entries: { id: string }[];
}

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(QUEUE, { keyPath: 'id' });
      request.result.createObjectStore(LISTS, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run<T>(
  store: string,
  mode: IDBTransactionMode,
  act: (objects: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const request = act(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
  });
}

export const offlineStore = {
  enqueue: (item: QueuedItem) => run(QUEUE, 'readwrite', (q) => q.put(item)).then(() => undefined),
  update: (item: QueuedItem) => run(QUEUE, 'readwrite', (q) => q.put(item)).then(() => undefined),
  remove: (id: string) => run(QUEUE, 'readwrite', (q) => q.delete(id)).then(() => undefined),
  /** In the order they were made: a person's consents always after their registration. */
  queued: async (): Promise<QueuedItem[]> =>
    ((await run(QUEUE, 'readonly', (q) => q.getAll())) as QueuedItem[]).sort(
      (a, b) => a.createdAt - b.createdAt,
    ),
  saveList: (cached: CachedList) =>
    run(LISTS, 'readwrite', (l) => l.put(cached)).then(() => undefined),
  list: (id: string) => run(LISTS, 'readonly', (l) => l.get(id)) as Promise<CachedList | undefined>,
  /** Drops a registered person from the kept list (nothing kept that the screen no longer needs). */
  async forget(listId: string, entryId: string): Promise<void> {
    const cached = await offlineStore.list(listId);
    if (!cached) return;
    await offlineStore.saveList({
      ...cached,
      entries: cached.entries.filter((entry) => entry.id !== entryId),
    });
  },
  /** A registration went through: its person's queued consents now know their case. */
  async attachCase(registrationId: string, caseId: string): Promise<void> {
    for (const item of await offlineStore.queued()) {
      if (item.kind === 'consent' && item.dependsOn === registrationId) {
        await offlineStore.update({ ...item, caseId });
      }
    }
  },
  clearLists: () => run(LISTS, 'readwrite', (l) => l.clear()).then(() => undefined),
};
