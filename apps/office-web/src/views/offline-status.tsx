import { useI18n } from '../i18n';
import { QueueConflicts } from './queue-conflicts';
import { SyncStatusLine } from './sync-status';
import { useOfflineQueue } from '../offline/use-offline-queue';

/**
 * The reception's connection line — offline with how many registrations wait, syncing, or all
 * synced — announced politely to screen readers, and the registrations intake refused, for the
 * officer to resolve.
 */
export function OfflineStatus() {
  const { t } = useI18n();
  const m = t.offline;
  const queue = useOfflineQueue();
  const review = queue.conflicts.length;
  const state = !queue.online
    ? 'offline'
    : queue.waiting > 0
      ? 'waiting'
      : review > 0
        ? 'review'
        : 'synced';
  const line = {
    offline: m.offline(queue.waiting),
    waiting: queue.syncing ? m.syncing : m.waiting(queue.waiting),
    review: '',
    synced: m.allSynced,
  }[state];
  return (
    <div className="offline-status">
      <SyncStatusLine state={state}>
        {[line, review > 0 ? m.toReview(review) : ''].filter(Boolean).join(' ')}
      </SyncStatusLine>
      {review > 0 && <QueueConflicts queue={queue} />}
    </div>
  );
}
