import { useState } from 'react';
import { focusLater } from '@reintegra/ui-web';
import { useI18n } from '../i18n';
import { formFromBody } from '../registration';
import { Comparison } from './duplicate-comparison';
import { offlineStore } from '../offline/offline-store';
import {
  asConfirmedNewPerson,
  asNewReturn,
  type Changes,
  discarded,
} from '../offline/outbox-model';
import { queued, type QueueState } from '../offline/use-offline-queue';

/**
 * The queued registrations intake refused, each with the officer's choices: compare with the
 * records intake found and decide — the same person (a new return on their record) or, for a
 * possible duplicate, a different person — or discard it. A choice is a new request (new key) in
 * the same place of the queue; the person's consents follow it.
 */
export function QueueConflicts(props: { queue: QueueState }) {
  const { t } = useI18n();
  const m = t.offline;
  const [open, setOpen] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');

  const decide = async (changes: Changes, message: string) => {
    setBusy(true);
    try {
      await offlineStore.apply(changes);
      setOpen(undefined);
      setSaid(message);
      focusLater('conflicts-said');
      queued();
    } finally {
      setBusy(false);
    }
  };
  const items = props.queue.items;

  return (
    <section aria-labelledby="conflicts-title" className="conflicts" data-testid="conflicts">
      <h2 id="conflicts-title">{m.conflictsTitle}</h2>
      <p className="muted">{m.conflictsHelp}</p>
      <p id="conflicts-said" tabIndex={-1} role="status">
        {said}
      </p>
      <ul className="plain">
        {props.queue.conflicts.map((item) => {
          const candidates = item.conflict?.candidates ?? [];
          const reason = m.reasons[item.conflict?.code ?? ''] ?? item.conflict?.title ?? '';
          return (
            <li key={item.id} data-testid="conflict">
              <article className="card">
                <p>
                  <strong>{item.name}</strong>: {reason}
                </p>
                {open === item.id && (
                  <>
                    <Comparison
                      form={formFromBody(item.body)}
                      candidates={candidates}
                      busy={busy}
                      onSamePerson={(returneeId) =>
                        void decide(
                          asNewReturn(items, item, returneeId, crypto.randomUUID()),
                          m.resolved(item.name),
                        )
                      }
                    />
                    {!candidates.some((c) => c.sameDui) && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        onClick={() =>
                          void decide(
                            asConfirmedNewPerson(items, item, crypto.randomUUID()),
                            m.resolved(item.name),
                          )
                        }
                      >
                        {t.duplicates.differentPerson}
                      </button>
                    )}
                  </>
                )}
                <div className="actions">
                  {candidates.length > 0 && open !== item.id && (
                    <button
                      type="button"
                      aria-label={m.compareLabel(item.name)}
                      onClick={() => setOpen(item.id)}
                    >
                      {m.compare}
                    </button>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={m.discardLabel(item.name)}
                    onClick={() => void decide(discarded(items, item), m.discarded(item.name))}
                  >
                    {m.discard}
                  </button>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
