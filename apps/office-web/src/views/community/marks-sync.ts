import { useEffect } from 'react';
import { problemOf } from '@reintegra/ui-web';
import { api, community } from '../../api';
import { outcomeOf } from '../../offline/outbox-model';
import { createSyncLoop, type SyncResult, useSyncedStore } from '../../offline/sync-loop';
import { type Mark, sheetBody, sheetsOf } from './marks-model';
import { marksStore } from './marks-store';

export interface MarksState {
  online: boolean;
  syncing: boolean;
  marks: Mark[];
  waiting: number;
  refused: Mark[];
}

/**
 * Sends the waiting marks, a sheet per session: a mark is sent only after a 2xx, so a lost answer
 * sends it again (the service records each mark id once). The first network failure ends the pass;
 * a refused sheet is kept for the facilitator to see and discard.
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

const marks = createSyncLoop('reintegra-community-marks', pass);

export const syncMarks = (): Promise<SyncResult> => marks.sync();

/** A tap kept on the phone; sent at once when the browser believes it is online. */
export async function keepMarks(kept: readonly Mark[]): Promise<void> {
  await marksStore.put(kept);
  marks.kept();
}

export async function discardMarks(ids: readonly string[]): Promise<void> {
  await marksStore.discard(ids);
  marks.changed();
}

/** Where the phone's marks stand, kept current for the screen; sending starts on the first one. */
export function useMarks(): MarksState {
  useEffect(() => marks.start(), []);
  return useSyncedStore<Mark, MarksState>(
    marks,
    () => marksStore.marks(),
    (all) => ({
      marks: all,
      waiting: all.filter((mark) => mark.state === 'waiting').length,
      refused: all.filter((mark) => mark.state === 'refused'),
    }),
  );
}
