import { useI18n } from '../../i18n';
import { SyncStatusLine } from '../sync-status';
import { discardMarks, type MarksState, syncMarks } from './marks-sync';

/**
 * The connection line of the community screens: offline with how many marks wait, sending, or
 * everything sent — announced politely — and the marks the service refused, to discard.
 */
export function MarksStatus(props: { marks: MarksState }) {
  const { t } = useI18n();
  const m = t.community;
  const { online, syncing, waiting, refused } = props.marks;
  const state = !online ? 'offline' : waiting > 0 ? 'waiting' : 'synced';
  const line = {
    offline: m.offline(waiting),
    waiting: syncing ? m.syncing : m.waiting(waiting),
    synced: m.allSent,
  }[state];
  return (
    <div className="offline-status">
      <SyncStatusLine state={state}>{line}</SyncStatusLine>
      {state === 'waiting' && !syncing && (
        <button type="button" onClick={() => void syncMarks()}>
          {m.send}
        </button>
      )}
      {refused.length > 0 && (
        <p className="problem" role="alert">
          {m.refused(refused.length, refused[0]?.problem ?? '')}{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => void discardMarks(refused.map((mark) => mark.id))}
          >
            {m.discard}
          </button>
        </p>
      )}
    </div>
  );
}
