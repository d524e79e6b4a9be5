import { getExternalWorkflowHandle, log, patched } from '@temporalio/workflow';
import {
  CONSENT_WITHDRAWN,
  referralWorkflowId,
  withdrawConsentSchema,
  withdrawReferralSignal,
  type OpenReferral,
  type RequestReferral,
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
 * Marks histories in which a withdrawal arrived as a signal (withdrawConsentSignal) rather than
 * the update; set when the signal is handled, so histories recorded before it replay unchanged.
 */
export const CONSENT_WITHDRAWAL_SIGNAL_PATCH = 'consent-withdrawal-by-signal';

/**
 * A withdrawal is accepted in any phase: on a closed path it has nothing left to end, which is
 * an answer, not an error (it must not land on the dead-letter topic).
 */
export function validateConsentWithdrawal(request: WithdrawConsent): void {
  const parsed = withdrawConsentSchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid consent withdrawal: ${parsed.error.message}`);
}

/**
 * The withdrawal as a signal: the same effect as the update, once per consent id. A signal cannot
 * be refused, so a payload that breaks the contract (the bridge builds it from a validated event;
 * it never should) is logged and ignored rather than failing the workflow.
 */
export async function withdrawConsentBySignal(
  path: ReintegrationPathState,
  request: WithdrawConsent,
): Promise<void> {
  patched(CONSENT_WITHDRAWAL_SIGNAL_PATCH);
  const parsed = withdrawConsentSchema.safeParse(request);
  if (!parsed.success) {
    log.warn('consent withdrawal signal ignored: invalid payload', {
      issues: parsed.error.issues.length,
    });
    return;
  }
  await withdrawConsent(path, parsed.data);
}

/**
 * The person withdrew consent to be referred to a service: every open referral to it ends as
 * `withdrawn` on the path at once, and its child workflow takes it back from the providers that
 * hold it (`referral-routed` `withdrawn`, reason `consent-withdrawn`). The consent id is
 * remembered (with the seen event ids), so a referral resting on it that arrives later ends too.
 * Workflow code.
 */
export async function withdrawConsent(
  path: ReintegrationPathState,
  request: WithdrawConsent,
): Promise<readonly OpenReferral[]> {
  if (path.view().hasSeen(request.consentId)) return [];
  const ended = path.openReferrals().filter((referral) => referral.service === request.service);
  path.caseEvent({
    eventId: request.consentId,
    type: `consent.withdrawn.${request.service}`,
    occurredAt: request.withdrawnAt,
  });
  if (ended.length === 0 || !patched(CONSENT_WITHDRAWAL_PATCH)) return [];
  for (const referral of ended) await endReferral(path, referral);
  return ended;
}

/**
 * A referral request that arrives after the consent it rests on was withdrawn (consents and
 * referrals travel on different topics): the referral is started and ended at once, so its
 * providers are told as for any other. Returns what the requestReferral update answers.
 */
export async function endIfConsentWithdrawn(
  path: ReintegrationPathState,
  request: RequestReferral,
  referral: OpenReferral,
): Promise<OpenReferral> {
  const { consentId } = request;
  if (consentId === undefined || !path.view().hasSeen(consentId)) return referral;
  const open = path.openReferrals().some((each) => each.referralId === referral.referralId);
  if (!open || !patched(CONSENT_WITHDRAWAL_PATCH)) return referral;
  await endReferral(path, referral);
  return { ...referral, status: 'withdrawn' };
}

async function endReferral(path: ReintegrationPathState, referral: OpenReferral): Promise<void> {
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
