import { transact } from './offline-db';

/**
 * Personal data kept on the device (queued requests, the kept arrival list, the community
 * facilitator's attendance marks and kept activities) is sealed with AES-GCM under a
 * non-extractable key that lives in the same IndexedDB database.
 *
 * What it protects: the records are never in clear in the browser profile's files, so stale
 * copies the storage engine keeps after a record is deleted (until it compacts its files) and
 * copies of the records alone (an export, a tool reading the files as text) show no name or DUI;
 * once nothing is left to send, sign-out deletes the key and every such leftover is unreadable
 * for good. Page scripts can use the key but never read it out.
 * What it does not protect: someone with the whole browser profile (the key is stored beside the
 * data, not behind a password) or with code running in the page. A locked device and sign-out at
 * the end of the shift remain the real protection.
 */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const KEY_ID = 'outbox';

/**
 * The sealing key: the stored one, or a new one stored in the same transaction that looked (two
 * tabs never store two keys). Read each time, never cached: another tab's sign-out may have
 * deleted it, and a record sealed with a deleted key could never be read.
 */
async function sealingKey(): Promise<CryptoKey> {
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return transact(['keys'], 'readwrite', (tx) => {
    const keys = tx.objectStore('keys');
    let key = fresh;
    const found = keys.get(KEY_ID);
    found.onsuccess = () => {
      const stored = found.result as { key: CryptoKey } | undefined;
      if (stored) key = stored.key;
      else keys.add({ id: KEY_ID, key: fresh });
    };
    return () => key;
  });
}

/** Seals values with one key look-up. */
export async function sealAll(values: readonly unknown[]): Promise<Sealed[]> {
  const key = await sealingKey();
  return Promise.all(
    values.map(async (value) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        key,
        new TextEncoder().encode(JSON.stringify(value)),
      );
      return { iv, data };
    }),
  );
}

/** Opens sealed values with one key look-up; one that cannot be opened is undefined. */
export async function unsealAll<T>(sealed: readonly Sealed[]): Promise<(T | undefined)[]> {
  if (sealed.length === 0) return [];
  const key = await sealingKey();
  return Promise.all(
    sealed.map(async (value) => {
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: value.iv },
          key,
          value.data,
        );
        return JSON.parse(new TextDecoder().decode(plain)) as T;
      } catch {
        return undefined;
      }
    }),
  );
}

/**
 * Forgets the kept lists and activities, the case ids and attendance marks already sent and, when
 * nothing waits either, the key (see above). Requests and marks still waiting are never cleared
 * here: they still have to reach intake or the community service.
 */
export async function clearDevice(): Promise<void> {
  await transact(['queue', 'sent', 'lists', 'keys', 'marks', 'activities'], 'readwrite', (tx) => {
    tx.objectStore('lists').clear();
    tx.objectStore('sent').clear();
    tx.objectStore('activities').clear();
    const waiting = tx.objectStore('queue').count();
    const marks = tx.objectStore('marks').getAll();
    let pending = 2;
    const settle = () => {
      if (--pending > 0) return;
      const unsent = (marks.result as { state: string; id: string }[]).filter((mark) => {
        if (mark.state !== 'sent') return true;
        tx.objectStore('marks').delete(mark.id);
        return false;
      });
      if (waiting.result === 0 && unsent.length === 0) tx.objectStore('keys').delete(KEY_ID);
    };
    waiting.onsuccess = settle;
    marks.onsuccess = settle;
    return () => undefined;
  });
}
