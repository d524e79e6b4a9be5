import { useEffect, useState } from 'react';
import { problemOf } from '@reintegra/ui-web';
import { api, community } from '../../api';
import { outcomeOf, retryDelay } from '../../offline/outbox-model';
import { type Mark, sheetBody, sheetsOf } from './marks-model';
import { marksStore } from './marks-store';

type SyncResult = 'done' | 'retry' | 'signed-out';

export interface MarksState {
  online: boolean;
  syncing: boolean;
  marks: Mark[];
  waiting: number;
  refused: Mark[];
}

const listeners = new Set<() => void>();
let running: Promise<SyncResult> | undefined;
let again = false;
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let started = false;

const changed = () => {
  for (const listener of listeners) listener();
};

/**
 * Sends the waiting marks, a sheet per session: a mark is sent only after a 2xx, so a lost answer
 * sends it again (the service records each mark id once). The first network failure ends the pass;
 * a refused sheet is kept for the facilitator to see and discard. One pass at a time across the
 * phone's tabs (Web Locks), so two tabs never send the same mark.
 */
async function pass(): Promise<SyncResult> {
  for (const sheet of sheetsOf(await marksStore.marks())) {
    try {
      await api.apiPost(
        community(`/sessions/${sheet.sessionId}/attendance`),
        sheetBody(sheet.marks),
      );
      await marksStore.sent(sheet.marks);
    } catch (failure) {
      const problem = problemOf(failure);
      const outcome = outcomeOf(problem);
      if (outcome !== 'conflict') return outcome;
      await marksStore.put(
        sheet.marks.map((mark) => ({ ...mark, state: 'refused', problem: problem.title })),
      );
    }
  }
  return 'done';
}

/** One sync at a time in the tab; a call during a pass asks for one more after it. */
export function syncMarks(): Promise<SyncResult> {
  if (running) {
    again = true;
    return running;
  }
  clearTimeout(timer);
  running = (navigator.locks ? navigator.locks.request('reintegra-community-marks', pass) : pass())
    .catch((): SyncResult => 'retry')
    .then((result) => {
      if (result === 'retry' && navigator.onLine)
        timer = setTimeout(() => void syncMarks(), retryDelay(attempt++));
      else attempt = 0;
      return result;
    })
    .finally(() => {
      running = undefined;
      changed();
      if (again) {
        again = false;
        void syncMarks();
      }
    });
  changed();
  return running;
}

/** A tap kept on the phone; sent at once when the browser believes it is online. */
export async function keepMarks(marks: readonly Mark[]): Promise<void> {
  await marksStore.put(marks);
  changed();
  if (navigator.onLine) void syncMarks();
}

export async function discardMarks(ids: readonly string[]): Promise<void> {
  await marksStore.discard(ids);
  changed();
}

/** Sends on the first community screen of the page and whenever the network comes back. */
function startMarksSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    attempt = 0;
    void syncMarks();
  });
  window.addEventListener('offline', changed);
  if (navigator.onLine) void syncMarks();
}

/** Where the phone's marks stand, kept current for the screen. */
export function useMarks(): MarksState {
  const [state, setState] = useState<MarksState>({
    online: navigator.onLine,
    syncing: false,
    marks: [],
    waiting: 0,
    refused: [],
  });
  useEffect(() => {
    startMarksSync();
    let current = true;
    const refresh = () =>
      void marksStore
        .marks()
        .catch((): Mark[] => [])
        .then((marks) => {
          if (!current) return;
          setState({
            online: navigator.onLine,
            syncing: running !== undefined,
            marks,
            waiting: marks.filter((mark) => mark.state === 'waiting').length,
            refused: marks.filter((mark) => mark.state === 'refused'),
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
