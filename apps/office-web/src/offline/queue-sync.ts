import type { ApiError } from '@reintegra/ui-web';
import { api, intake } from '../api';
import { offlineStore, type QueuedItem } from './offline-store';
import { isTransient } from './transient';

export interface SyncOutcome {
  synced: number;
  conflicts: number;
  waiting: number;
}

/**
 * Sends the queue in the order it was made, each request with its Idempotency-Key: a request
 * that reached intake before (an answer lost, a reload mid-sync) is answered again and changes
 * nothing. A person's consents go once their registration gave the case id. Stops at the first
 * network failure (the rest waits, in order); a refusal (e.g. the DUI registered meanwhile
 * elsewhere) is kept as a conflict for the officer, and that person's consents wait with it.
 */
export async function syncQueue(): Promise<SyncOutcome> {
  let synced = 0;
  const caseOf = new Map<string, string>();
  const blocked = new Set<string>();
  for (const item of await offlineStore.queued()) {
    if (item.conflict) {
      blocked.add(item.id);
      continue;
    }
    try {
      if (item.kind === 'registration') {
        const answer = await api.apiPost<{ caseId: string }>(intake('/returnees'), item.body, {
          'idempotency-key': item.id,
        });
        caseOf.set(item.id, answer.caseId);
        await offlineStore.attachCase(item.id, answer.caseId);
        await offlineStore.forget(item.listId, item.entryId);
      } else {
        const caseId = item.caseId ?? caseOf.get(item.dependsOn);
        if (!caseId || blocked.has(item.dependsOn)) continue;
        await api.apiPost(intake(`/cases/${caseId}/consents`), item.body, {
          'idempotency-key': item.id,
        });
      }
      await offlineStore.remove(item.id);
      synced += 1;
    } catch (failure) {
      if (isTransient(failure)) break;
      blocked.add(item.id);
      await offlineStore.update({ ...item, conflict: (failure as ApiError).problem.title });
    }
  }
  const left: QueuedItem[] = await offlineStore.queued();
  return {
    synced,
    conflicts: left.filter((item) => item.conflict).length,
    waiting: left.filter((item) => !item.conflict).length,
  };
}
