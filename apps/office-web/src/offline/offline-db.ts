/**
 * The office's IndexedDB database, typed and small (no library). Reception: the outbox of requests
 * waiting for the network, the case ids of registrations already sent (for consents queued after
 * them; ids only), the last loaded arrival lists. Community: the attendance marks taken on the
 * phone and the activities kept for working offline. And the key that seals them all.
 */
const DB_NAME = 'reintegra-office';
const VERSION = 3;
const STORES = ['queue', 'sent', 'lists', 'keys', 'marks', 'activities'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      // Version 1 had the queue and lists (records in clear, read as such by the outbox) only;
      // version 3 added the community facilitator's marks and kept activities.
      for (const name of STORES)
        if (!request.result.objectStoreNames.contains(name))
          request.result.createObjectStore(name, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      // Another tab upgrading the database: this one lets go and opens again on next use.
      request.result.onversionchange = () => {
        request.result.close();
        opening = undefined;
      };
      resolve(request.result);
    };
    request.onerror = () => {
      opening = undefined;
      reject(request.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

/**
 * One transaction over the given stores; `act` issues its requests synchronously (IndexedDB
 * commits a transaction as soon as nothing is pending) and its result is read once committed.
 */
export async function transact<T>(
  stores: readonly StoreName[],
  mode: IDBTransactionMode,
  act: (tx: IDBTransaction) => () => T,
): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const result = act(tx);
    tx.oncomplete = () => resolve(result());
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Every record of a store. */
export function all<T>(store: StoreName): Promise<T[]> {
  return transact([store], 'readonly', (tx) => {
    const request = tx.objectStore(store).getAll();
    return () => request.result as T[];
  });
}

export function get<T>(store: StoreName, id: string): Promise<T | undefined> {
  return transact([store], 'readonly', (tx) => {
    const request = tx.objectStore(store).get(id);
    return () => request.result as T | undefined;
  });
}
