import { problemOf } from '@reintegra/ui-web';
import { api, intake } from '../api';
import { offlineStore } from './offline-store';
import { conflictOf, outcomeOf, requestOf } from './outbox-model';
import type { SyncResult } from './sync-loop';

/**
 * Sends the outbox in its order, each request with its Idempotency-Key: one that reached intake
 * before (an answer lost, a reload mid-sync) is answered again and changes nothing, so an item
 * goes only after a 2xx. A person's consents go once their registration gave the case id. The
 * first network failure ends the pass (the rest waits, in order); a refusal (the DUI registered
 * meanwhile elsewhere, a possible duplicate) is kept as a conflict for the officer, and that
 * person's consents wait with it while the others go on. The sync loop runs one pass at a time.
 */
export async function syncQueue(): Promise<SyncResult> {
  const caseOf = new Map<string, string>();
  for (const queued of await offlineStore.queued()) {
    if (queued.state !== 'waiting') continue;
    const known = queued.dependsOn
      ? (caseOf.get(queued.dependsOn) ?? (await offlineStore.caseOf(queued.dependsOn)))
      : undefined;
    const item = known ? { ...queued, caseId: known } : queued;
    const request = requestOf(item);
    if (!request) continue; // a consent whose registration waits for the officer
    try {
      const answer = await api.apiPost<{ caseId?: string } | undefined>(
        intake(request.path),
        request.body,
        { 'idempotency-key': item.id },
      );
      const caseId = item.kind === 'consent' ? undefined : answer?.caseId;
      if (caseId) caseOf.set(item.id, caseId);
      await offlineStore.sent(item, caseId);
    } catch (failure) {
      const problem = problemOf(failure);
      const outcome = outcomeOf(problem);
      if (outcome !== 'conflict') return outcome;
      await offlineStore.apply({
        put: [{ ...queued, state: 'conflict', conflict: conflictOf(problem) }],
      });
    }
  }
  return 'done';
}
