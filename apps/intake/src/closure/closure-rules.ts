import {
  closureReasonSchema,
  type CaseStatus,
  type ClosureReason,
} from '@reintegra/event-contracts';

/**
 * Which closure reasons fit a case in a status (product brief flow 7), pure for unit tests.
 * `reintegrated` is a finding of the follow-up waves, so only a case in follow-up can close with
 * it; the other reasons (disengaged, re-migrated, transferred, deceased) can happen at any time.
 */
export function allowedClosureReasons(status: CaseStatus): readonly ClosureReason[] {
  if (status === 'closed') return [];
  return closureReasonSchema.options.filter(
    (reason) => reason !== 'reintegrated' || status === 'follow-up',
  );
}

export function canCloseWith(status: CaseStatus, reason: ClosureReason): boolean {
  return allowedClosureReasons(status).includes(reason);
}
