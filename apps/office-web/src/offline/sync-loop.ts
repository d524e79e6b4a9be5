import { useEffect, useState } from 'react';
import { retryDelay } from './outbox-model';

export type SyncResult = 'done' | 'retry' | 'signed-out';

export interface SyncLoop {
  /** Runs a pass now; a call during a pass asks for one more pass after it. */
  sync(): Promise<SyncResult>;
  /** Something was kept on the device: tell the screens, and send at once when online. */
  kept(): void;
  /** Tells every screen showing this store that it changed. */
  changed(): void;
  /** Sends on the first call and whenever the network comes back (once per page). */
  start(): void;
  /** Whether a pass is under way, for the screens. */
  syncing(): boolean;
  subscribe(listener: () => void): () => void;
}

/**
 * One sync loop for a store kept on the device (the reception queue, the attendance marks):
 * one pass at a time in the tab and, through Web Locks named `lock`, across the device's tabs, so
 * two tabs never send the same item. Network failures back off (2 s, 4 s … a minute); the
 * `online` event and any success start over at once. Offline, the `online` event starts the next
 * try; online, the backoff does.
 */
export function createSyncLoop(lock: string, pass: () => Promise<SyncResult>): SyncLoop {
  const listeners = new Set<() => void>();
  let running: Promise<SyncResult> | undefined;
  let again = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;

  const changed = () => {
    for (const listener of listeners) listener();
  };

  const sync = (): Promise<SyncResult> => {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = (navigator.locks ? navigator.locks.request(lock, pass) : pass())
      .catch((): SyncResult => 'retry')
      .then((result) => {
        if (result === 'retry' && navigator.onLine)
          timer = setTimeout(() => void sync(), retryDelay(attempt++));
        else attempt = 0;
        return result;
      })
      .finally(() => {
        running = undefined;
        changed();
        if (again) {
          again = false;
          void sync();
        }
      });
    changed();
    return running;
  };

  return {
    sync,
    changed,
    kept() {
      changed();
      if (navigator.onLine) void sync();
    },
    start() {
      if (started) return;
      started = true;
      window.addEventListener('online', () => {
        attempt = 0;
        void sync();
      });
      window.addEventListener('offline', changed);
      if (navigator.onLine) void sync();
    },
    syncing: () => running !== undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A screen's view of a loop's store, read again whenever the loop says it changed. `summarise`
 * turns what the store holds into the screen's state (`online` and `syncing` are filled in here).
 */
export function useSyncedStore<Item, State>(
  loop: SyncLoop,
  read: () => Promise<Item[]>,
  summarise: (items: Item[]) => Omit<State, 'online' | 'syncing'>,
): State {
  const [state, setState] = useState<State>(
    () => ({ online: navigator.onLine, syncing: false, ...summarise([]) }) as State,
  );
  useEffect(() => {
    let current = true;
    const refresh = () =>
      void read()
        .catch((): Item[] => [])
        .then((items) => {
          if (current)
            setState({
              online: navigator.onLine,
              syncing: loop.syncing(),
              ...summarise(items),
            } as State);
        });
    const unsubscribe = loop.subscribe(refresh);
    refresh();
    return () => {
      current = false;
      unsubscribe();
    };
    // The loop, the reader and the summary are module-level: one subscription per screen.
  }, []);
  return state;
}
