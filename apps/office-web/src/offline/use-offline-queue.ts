import { useCallback, useEffect, useState } from 'react';
import { offlineStore, type QueuedItem } from './offline-store';
import { syncQueue } from './queue-sync';

export interface QueueState {
  online: boolean;
  syncing: boolean;
  waiting: number;
  conflicts: QueuedItem[];
}

const RETRY_MS = 10_000;
const listeners = new Set<() => void>();
let running: Promise<unknown> | undefined;

/** Tells every screen showing the queue that it changed (an item queued, synced, dropped). */
export function queueChanged(): void {
  for (const listener of listeners) listener();
}

/** One sync at a time for the whole tab; a second call joins the running one. */
export function syncNow(): Promise<unknown> {
  running ??= syncQueue()
    .catch(() => undefined)
    .finally(() => {
      running = undefined;
      queueChanged();
    });
  return running;
}

/**
 * Where the reception's queue stands, kept current: sync on load, when the network comes back,
 * and every few seconds while something waits and the browser believes it is online.
 */
export function useOfflineQueue(): QueueState & { discard: (id: string) => Promise<void> } {
  const [state, setState] = useState<QueueState>({
    online: navigator.onLine,
    syncing: false,
    waiting: 0,
    conflicts: [],
  });
  const refresh = useCallback(async () => {
    const items = await offlineStore.queued().catch(() => [] as QueuedItem[]);
    setState((current) => ({
      ...current,
      online: navigator.onLine,
      syncing: running !== undefined,
      waiting: items.filter((item) => !item.conflict).length,
      conflicts: items.filter((item) => item.conflict),
    }));
  }, []);
  useEffect(() => {
    const listener = () => void refresh();
    const online = () => {
      void refresh();
      void syncNow();
      queueChanged();
    };
    listeners.add(listener);
    window.addEventListener('online', online);
    window.addEventListener('offline', listener);
    void refresh();
    if (navigator.onLine) void syncNow().then(refresh);
    const timer = setInterval(() => {
      if (navigator.onLine) void syncNow();
    }, RETRY_MS);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', listener);
      clearInterval(timer);
    };
  }, [refresh]);
  /** The officer resolved a conflict elsewhere: the item goes, with the consents that wait on it. */
  const discard = async (id: string) => {
    for (const item of await offlineStore.queued()) {
      if (item.id === id || (item.kind === 'consent' && item.dependsOn === id)) {
        await offlineStore.remove(item.id);
      }
    }
    queueChanged();
  };
  return { ...state, discard };
}
