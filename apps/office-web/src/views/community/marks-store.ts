import { all, get, transact } from '../../offline/offline-db';
import { type Sealed, sealAll, unsealAll } from '../../offline/sealed';
import { afterSent, type Mark } from './marks-model';

/**
 * What the facilitator's phone keeps: the attendance marks (waiting, or sent during this sign-in)
 * and the activities last opened (people and sessions), for a reload without a network. What a
 * mark says and who takes part are sealed like the reception's outbox (see sealed.ts); ids and
 * states are not.
 */
type StoredMark = Omit<Mark, 'present' | 'markedAt'> & { sealed: Sealed };
interface StoredActivity {
  id: string;
  sealed: Sealed;
}

async function toStored(marks: readonly Mark[]): Promise<StoredMark[]> {
  const sealed = await sealAll(marks.map(({ present, markedAt }) => ({ present, markedAt })));
  return marks.map(({ present: _p, markedAt: _m, ...rest }, i) => ({
    ...rest,
    sealed: sealed[i] as Sealed,
  }));
}

async function fromStored(records: readonly StoredMark[]): Promise<Mark[]> {
  const opened = await unsealAll<Pick<Mark, 'present' | 'markedAt'>>(records.map((r) => r.sealed));
  return records.flatMap(({ sealed: _s, ...rest }, i) => {
    const open = opened[i];
    // Sealed under a key that is gone: nothing left to send.
    return open ? [{ ...rest, ...open }] : [];
  });
}

export const marksStore = {
  marks: async (): Promise<Mark[]> => fromStored(await all<StoredMark>('marks')),

  async put(marks: readonly Mark[]): Promise<void> {
    const records = await toStored(marks);
    await transact(['marks'], 'readwrite', (tx) => {
      for (const record of records) tx.objectStore('marks').put(record);
      return () => undefined;
    });
  },

  /** A sheet went through: in one transaction, each mark not tapped again since is sent. */
  async sent(sheet: readonly Mark[]): Promise<void> {
    const current = new Map((await this.marks()).map((mark) => [mark.id, mark]));
    const done = sheet.flatMap((mark) => afterSent(current.get(mark.id), mark) ?? []);
    const records = await toStored(done);
    await transact(['marks'], 'readwrite', (tx) => {
      const store = tx.objectStore('marks');
      for (const record of records) {
        const check = store.get(record.id);
        check.onsuccess = () => {
          if ((check.result as StoredMark | undefined)?.markId === record.markId) store.put(record);
        };
      }
      return () => undefined;
    });
  },

  discard: (ids: readonly string[]) =>
    transact(['marks'], 'readwrite', (tx) => {
      for (const id of ids) tx.objectStore('marks').delete(id);
      return () => undefined;
    }),

  async keepActivity<T>(activityId: string, value: T): Promise<void> {
    const [sealed] = await sealAll([value]);
    await transact(['activities'], 'readwrite', (tx) => {
      tx.objectStore('activities').put({ id: activityId, sealed } as StoredActivity);
      return () => undefined;
    });
  },

  async keptActivity<T>(activityId: string): Promise<T | undefined> {
    const record = await get<StoredActivity>('activities', activityId);
    return record ? (await unsealAll<T>([record.sealed]))[0] : undefined;
  },
};
