import { offlineStore, stamp } from './offline-store';
import { type OutboxItem, peopleWaiting } from './outbox-model';
import { syncQueue } from './queue-sync';
import { createSyncLoop, useSyncedStore } from './sync-loop';

export interface QueueState {
  online: boolean;
  syncing: boolean;
  /** People with something waiting to be sent. */
  waiting: number;
  conflicts: OutboxItem[];
  items: OutboxItem[];
}

const outbox = createSyncLoop('reintegra-office-outbox', syncQueue);

/** Something was queued or resolved: sent at once if the browser believes it is online. */
export const queued = (): void => outbox.kept();

/** Queues a request behind those already waiting. */
export async function enqueue(item: Omit<OutboxItem, 'createdAt' | 'state'>): Promise<void> {
  await offlineStore.apply({ put: [{ ...item, createdAt: stamp(), state: 'waiting' }] });
  queued();
}

/** Sync when the page loads and whenever the network comes back (once per page). */
export const startOutboxSync = (): void => outbox.start();

/** Where the outbox stands, kept current for the screen that shows it. */
export function useOfflineQueue(): QueueState {
  return useSyncedStore<OutboxItem, QueueState>(
    outbox,
    () => offlineStore.queued(),
    (items) => ({
      waiting: peopleWaiting(items),
      conflicts: items.filter((item) => item.state === 'conflict'),
      items,
    }),
  );
}
