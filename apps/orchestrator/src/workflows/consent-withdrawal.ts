import { getExternalWorkflowHandle, log, patched } from '@temporalio/workflow';
import {
  CONSENT_WITHDRAWN,
  referralWorkflowId,
  withdrawConsentSchema,
  withdrawReferralSignal,
  type OpenReferral,
  type WithdrawConsent,
} from '@reintegra/workflow-contracts';
import type { ReintegrationPathState } from './reintegration-path.state';

/**
 * Marks histories in which a consent withdrawal withdrew referrals. Called when the update is
 * applied, not when the path starts: paths that began before this change honour withdrawals too,
 * and a later change to this reaction can branch on the marker.
 */
export const CONSENT_WITHDRAWAL_PATCH = 'referrals-withdrawn-on-consent-withdrawal';

/**
 * A withdrawal is accepted in any phase: on a closed path it has nothing left to end, which is
 * an answer, not an error (it must not land on the dead-letter topic).
 */
export function validateConsentWithdrawal(request: WithdrawConsent): void {
  const parsed = withdrawConsentSchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid consent withdrawal: ${parsed.error.message}`);
}

/**
 * The person withdrew consent to be referred to a service: every open referral to it ends as
 * `withdrawn` on the path at once, and its child workflow takes it back from the providers that
 * hold it (`referral-routed` `withdrawn`, reason `consent-withdrawn`). Workflow code.
 */
export async function withdrawConsent(
  path: ReintegrationPathState,
  request: WithdrawConsent,
): Promise<readonly OpenReferral[]> {
  if (path.view().hasSeen(request.eventId)) return [];
  const ended = path.openReferrals().filter((referral) => referral.service === request.service);
  path.caseEvent({
    eventId: request.eventId,
    type: `consent.withdrawn.${request.service}`,
    occurredAt: request.withdrawnAt,
  });
  if (ended.length === 0 || !patched(CONSENT_WITHDRAWAL_PATCH)) return [];
  for (const referral of ended) {
    // Closed on the path now: the child's own 'withdrawn' progress then finds nothing to change.
    path.referralProgress({
      referralId: referral.referralId,
      status: 'withdrawn',
      providerIds: referral.providerIds,
      overdue: false,
      escalations: referral.escalations,
      at: new Date().toISOString(),
    });
    try {
      await getExternalWorkflowHandle(referralWorkflowId(referral.referralId)).signal(
        withdrawReferralSignal,
        { reasonCode: CONSENT_WITHDRAWN },
      );
    } catch (error) {
      log.warn('referral already finished', { error: (error as Error).message });
    }
  }
  return ended;
}
