import type { ArrivalEntry } from '../registration';
import { all, get, transact } from './offline-db';
import type { Changes, OutboxItem } from './outbox-model';
import { clearDevice, type Sealed, sealAll, unsealAll } from './sealed';

/**
 * What the reception keeps on the device: the outbox (requests waiting for the network) and the
 * first page of the arrival list last opened. Only what the screens need: a queued item goes the
 * moment intake took it, a person's entry of the kept list as soon as they are registered, the
 * lists at sign-out. Names, DUIs and bodies are sealed (see sealed.ts); ids and order are not.
 */
type StoredItem = Omit<OutboxItem, 'body' | 'name'> & { sealed: Sealed };
/** A kept person of a list, or (without `sealed`, row -1) the mark that the list is kept. */
interface StoredEntry {
  id: string; // `${listId}/${entryId}`, or the list id for the mark
  listId: string;
  row: number;
  sealed?: Sealed;
}
/** A version-1 record (before sealing): read as it is, sealed when next written. */
type LegacyItem = Omit<OutboxItem, 'state' | 'conflict' | 'body'> & {
  body: Record<string, unknown>;
  conflict?: string;
};

let last = 0;
/** Strictly increasing within the tab (two items of one millisecond keep their order). */
export function stamp(): number {
  last = Math.max(Date.now(), last + 1);
  return last;
}

async function toStored(items: readonly OutboxItem[]): Promise<StoredItem[]> {
  const sealed = await sealAll(items.map(({ body, name }) => ({ body, name })));
  return items.map(({ body: _body, name: _name, ...rest }, i) => ({
    ...rest,
    sealed: sealed[i] as Sealed,
  }));
}

async function fromStored(records: readonly (StoredItem | LegacyItem)[]): Promise<OutboxItem[]> {
  const current = records.filter((r): r is StoredItem => 'sealed' in r);
  const opened = await unsealAll<{ body: Record<string, unknown>; name: string }>(
    current.map((r) => r.sealed),
  );
  const legacy = records.filter((r): r is LegacyItem => !('sealed' in r));
  return [
    ...current.map(({ sealed: _sealed, ...rest }, i): OutboxItem => {
      const open = opened[i];
      // Its key is gone (a profile restored in part): nothing to send; the officer discards it.
      return open
        ? { ...rest, ...open }
        : {
            ...rest,
            body: {},
            name: '—',
            state: 'conflict',
            conflict: { status: 0, code: 'outbox.unreadable', title: '' },
          };
    }),
    ...legacy.map(
      ({ conflict, ...rest }): OutboxItem => ({
        ...rest,
        state: conflict ? 'conflict' : 'waiting',
        ...(conflict ? { conflict: { status: 409, code: 'unknown', title: conflict } } : {}),
      }),
    ),
  ];
}

const entryKey = (listId: string, entryId: string) => `${listId}/${entryId}`;

/** A registration or new return intake took, by its key: the case its later consents go to. */
interface SentCase {
  id: string;
  caseId: string;
  at: number;
}
/** As long as intake keeps a key: a consent is queued within the same visit of the screen. */
const SENT_KEPT_MS = 24 * 3_600_000;

export const offlineStore = {
  /** The outbox, in the order of sending. */
  async queued(): Promise<OutboxItem[]> {
    const items = await fromStored(await all<StoredItem | LegacyItem>('queue'));
    return items.sort((a, b) => a.createdAt - b.createdAt);
  },

  /** Puts and removes in one transaction (an officer's choice on a conflict, a new item). */
  async apply(changes: Partial<Changes>): Promise<void> {
    const put = await toStored(changes.put ?? []);
    await transact(['queue'], 'readwrite', (tx) => {
      const queue = tx.objectStore('queue');
      for (const id of changes.remove ?? []) queue.delete(id);
      for (const record of put) queue.put(record);
      return () => undefined;
    });
  },

  /**
   * Intake took the item: it goes (its personal data with it), its consents learn their case,
   * and the person leaves the kept list — all in one transaction.
   */
  sent(item: OutboxItem, caseId: string | undefined): Promise<void> {
    return transact(['queue', 'sent', 'lists'], 'readwrite', (tx) => {
      const queue = tx.objectStore('queue');
      queue.delete(item.id);
      if (caseId) {
        const records = queue.getAll();
        records.onsuccess = () => {
          for (const record of records.result as StoredItem[])
            if (record.dependsOn === item.id) queue.put({ ...record, caseId });
        };
        // A consent the officer saves after this moment still finds its case.
        const sent = tx.objectStore('sent');
        sent.put({ id: item.id, caseId, at: Date.now() } satisfies SentCase);
        const old = sent.getAll();
        old.onsuccess = () => {
          for (const record of old.result as SentCase[])
            if (record.at < Date.now() - SENT_KEPT_MS) sent.delete(record.id);
        };
      }
      if (item.listId && item.entryId)
        tx.objectStore('lists').delete(entryKey(item.listId, item.entryId));
      return () => undefined;
    });
  },

  /** The case of a registration or new return already sent, if it was. */
  caseOf: async (id: string): Promise<string | undefined> =>
    (await get<SentCase>('sent', id))?.caseId,

  /** The first page of a list, kept for working without a network (replaces what was kept). */
  async keepList(listId: string, entries: readonly ArrivalEntry[]): Promise<void> {
    const sealed = await sealAll(entries);
    const records = entries.map(
      (entry, i): StoredEntry => ({
        id: entryKey(listId, entry.id),
        listId,
        row: entry.row,
        sealed: sealed[i] as Sealed,
      }),
    );
    await transact(['lists'], 'readwrite', (tx) => {
      const lists = tx.objectStore('lists');
      const old = lists.getAllKeys();
      old.onsuccess = () => {
        for (const key of old.result) if (String(key).startsWith(`${listId}/`)) lists.delete(key);
        lists.put({ id: listId, listId, row: -1 } satisfies StoredEntry);
        for (const record of records) lists.put(record);
      };
      return () => undefined;
    });
  },

  /** The kept list, or undefined when this device has none of it. */
  async keptList(listId: string): Promise<ArrivalEntry[] | undefined> {
    const records = (await all<StoredEntry>('lists')).filter((r) => r.listId === listId);
    if (!records.some((r) => r.id === listId)) return undefined;
    const kept = records
      .flatMap((r) => (r.sealed ? [{ row: r.row, sealed: r.sealed }] : []))
      .sort((a, b) => a.row - b.row);
    const entries = await unsealAll<ArrivalEntry>(kept.map((r) => r.sealed));
    return entries.filter((entry): entry is ArrivalEntry => entry !== undefined);
  },

  /** A person registered online: no longer kept. */
  forget: (listId: string, entryId: string) =>
    transact(['lists'], 'readwrite', (tx) => {
      tx.objectStore('lists').delete(entryKey(listId, entryId));
      return () => undefined;
    }),

  /** At sign-out: the lists go, and the key too when nothing waits (see sealed.ts). */
  clearLists: clearDevice,
};
