import { useI18n } from '../i18n';
import { useOfflineQueue } from './use-offline-queue';

/**
 * The reception's connection line: offline with what waits, sending, or all sent — announced
 * politely to screen readers — and the registrations intake refused, for the officer to resolve.
 */
export function OfflineStatus() {
  const { t } = useI18n();
  const m = t.offline;
  const queue = useOfflineQueue();
  const line = !queue.online
    ? m.offline(queue.waiting)
    : queue.syncing && queue.waiting > 0
      ? m.syncing(queue.waiting)
      : queue.waiting > 0
        ? m.waiting(queue.waiting)
        : m.allSynced;
  return (
    <div className="offline-status">
      <p
        role="status"
        aria-live="polite"
        data-testid="sync-status"
        className={queue.online ? 'notice' : 'warning'}
      >
        {line}
      </p>
      {queue.conflicts.length > 0 && (
        <section aria-labelledby="conflicts-title" className="conflicts" data-testid="conflicts">
          <h2 id="conflicts-title">{m.conflictsTitle}</h2>
          <p className="muted">{m.conflictsHelp}</p>
          <ul className="plain">
            {queue.conflicts.map((item) => (
              <li key={item.id}>
                {m.conflict(item.name, item.conflict ?? '')}{' '}
                <button
                  type="button"
                  className="secondary"
                  aria-label={m.discardLabel(item.name)}
                  onClick={() => void queue.discard(item.id)}
                >
                  {m.discard}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
