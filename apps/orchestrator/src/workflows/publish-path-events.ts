import { log, proxyActivities } from '@temporalio/workflow';
import {
  INVALID_PATH_EVENT,
  type PathActivities,
  type PathEventPublication,
} from './path-activities.types';

// Outbox writes: retried until the database is back (a day at most); a contract breach is final.
const { publishPathEvent } = proxyActivities<PathActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: [INVALID_PATH_EVENT],
  },
});

/** Publishes queued path events in order (shared by the path and the referral workflows). */
export async function publishPendingPathEvents(pending: PathEventPublication[]): Promise<void> {
  while (pending.length > 0) {
    const next = pending[0];
    try {
      if (next) await publishPathEvent(next);
    } catch (error) {
      // Retries are spent (a day) or the event breaks its contract: the path goes on without
      // it rather than failing; the loss is logged with the event id for a replay by hand.
      log.error('path event not published', {
        eventId: next?.eventId,
        kind: next?.kind,
        error: (error as Error).message,
      });
    }
    pending.shift();
  }
}
