import type { Problem } from '@reintegra/ui-web';
import { outcomeOf } from './outbox-model';

/**
 * A failure worth keeping the request for and sending later, not a conflict for the officer: no
 * network (fetch itself failed, no problem), the office server cannot reach intake, the same key
 * still being handled, or the session ended (sent after the officer signs in again). A refusal of
 * the request itself (an ApiError with its problem) is the officer's to resolve. One rule with the
 * outbox's own (`outcomeOf`).
 */
export function isTransient(failure: unknown): boolean {
  const problem = (failure as { problem?: Problem } | null)?.problem;
  return !problem || outcomeOf(problem) !== 'conflict';
}
