import { useEffect, useState } from 'react';
import { offlineStore, stamp } from './offline-store';
import { type OutboxItem, peopleWaiting, retryDelay } from './outbox-model';
import { type SyncResult, syncQueue } from './queue-sync';

export interface QueueState {
  online: boolean;
  syncing: boolean;
  /** People with something waiting to be sent. */
  waiting: number;
  conflicts: OutboxItem[];
  items: OutboxItem[];
}

const listeners = new Set<() => void>();
let running: Promise<SyncResult> | undefined;
let again = false;
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Tells every screen showing the queue that it changed (an item queued, sent, resolved). */
function queueChanged(): void {
  for (const listener of listeners) listener();
}

/**
 * One sync at a time in the tab; a call during a pass asks for one more pass after it (an item
 * queued meanwhile). Network failures back off (2 s, 4 s … a minute); the `online` event and
 * any success start over at once.
 */
function syncNow(): Promise<SyncResult> {
  if (running) {
    again = true;
    return running;
  }
  clearTimeout(timer);
  running = syncQueue()
    .catch((): SyncResult => 'retry')
    .then((result) => {
      // Offline, the `online` event starts the next try; online, the backoff does.
      if (result === 'retry' && navigator.onLine)
        timer = setTimeout(() => void syncNow(), retryDelay(attempt++));
      else attempt = 0;
      return result;
    })
    .finally(() => {
      running = undefined;
      queueChanged();
      if (again) {
        again = false;
        void syncNow();
      }
    });
  queueChanged();
  return running;
}

/** Something was queued: sent at once if the browser believes it is online. */
export function queued(): void {
  queueChanged();
  if (navigator.onLine) void syncNow();
}

/** Queues a request behind those already waiting. */
export async function enqueue(item: Omit<OutboxItem, 'createdAt' | 'state'>): Promise<void> {
  await offlineStore.apply({ put: [{ ...item, createdAt: stamp(), state: 'waiting' }] });
  queued();
}

/** Sync when the page loads and whenever the network comes back (once per page). */
export function startOutboxSync(): void {
  window.addEventListener('online', () => {
    attempt = 0;
    void syncNow();
  });
  window.addEventListener('offline', queueChanged);
  if (navigator.onLine) void syncNow();
}

/** Where the outbox stands, kept current for the screen that shows it. */
export function useOfflineQueue(): QueueState {
  const [state, setState] = useState<QueueState>({
    online: navigator.onLine,
    syncing: false,
    waiting: 0,
    conflicts: [],
    items: [],
  });
  useEffect(() => {
    let current = true;
    const refresh = () =>
      void offlineStore
        .queued()
        .catch((): OutboxItem[] => [])
        .then((items) => {
          if (!current) return;
          setState({
            online: navigator.onLine,
            syncing: running !== undefined,
            waiting: peopleWaiting(items),
            conflicts: items.filter((item) => item.state === 'conflict'),
            items,
          });
        });
    listeners.add(refresh);
    refresh();
    return () => {
      current = false;
      listeners.delete(refresh);
    };
  }, []);
  return state;
}
