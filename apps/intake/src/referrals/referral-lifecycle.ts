import { referralStatusSchema, type ReferralStatus } from '@reintegra/event-contracts';
import type { LocalizedMessage } from '@reintegra/platform-errors';

/**
 * The closed loop of a referral (product brief flow 5), pure so it is unit-tested directly:
 *
 *   requested → sent → accepted | declined | no-capacity → in-progress → completed | not-completed
 *   revoked by the sender and withdrawn by the path from any open state.
 *
 * A referral may ask several providers at once and is re-routed when they decline or miss their
 * deadline, so `declined` and `no-capacity` describe the latest answer, not the end: another
 * provider may still be asked (`sent`) or accept. Acknowledgements may also arrive before the
 * path's routing event (they travel on different topics), so they are accepted from `requested`.
 * A waitlisted person may give up (`no-capacity → not-completed`).
 */
const ACKNOWLEDGEMENTS: readonly ReferralStatus[] = ['accepted', 'declined', 'no-capacity'];
const TAKEN_BACK: readonly ReferralStatus[] = ['revoked', 'withdrawn'];

const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  requested: ['sent', ...ACKNOWLEDGEMENTS, ...TAKEN_BACK],
  sent: ['sent', ...ACKNOWLEDGEMENTS, ...TAKEN_BACK],
  declined: ['sent', ...ACKNOWLEDGEMENTS, ...TAKEN_BACK],
  'no-capacity': ['sent', ...ACKNOWLEDGEMENTS, 'not-completed', ...TAKEN_BACK],
  accepted: ['in-progress', 'not-completed', ...TAKEN_BACK],
  'in-progress': ['completed', 'not-completed', ...TAKEN_BACK],
  completed: [],
  'not-completed': [],
  revoked: [],
  withdrawn: [],
};

/** What a service may report about a referral; `revoked` is the sender's, `sent`/`withdrawn` the path's. */
export const PROVIDER_REPORTED: readonly ReferralStatus[] = [
  ...ACKNOWLEDGEMENTS,
  'in-progress',
  'completed',
  'not-completed',
];

export function allowedNextReferralStatuses(from: ReferralStatus): readonly ReferralStatus[] {
  return TRANSITIONS[from];
}

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isReferralClosed(status: ReferralStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** States from which the sender can still take a referral back. */
export const REVOCABLE_STATUSES: readonly ReferralStatus[] = referralStatusSchema.options.filter(
  (status) => canMoveReferral(status, 'revoked'),
);

export interface ReferralSnapshot {
  readonly status: ReferralStatus;
  readonly acceptedBy: string | null;
}

export interface ProviderReport {
  readonly providerId: string;
  readonly status: ReferralStatus;
}

const list = (statuses: readonly string[]) => (statuses.length > 0 ? statuses.join(', ') : '—');

/** Why a service's status report cannot apply to the referral (undefined: it can). */
export function reportProblem(
  referral: ReferralSnapshot,
  report: ProviderReport,
): LocalizedMessage | undefined {
  if (!PROVIDER_REPORTED.includes(report.status)) {
    return {
      es: `Un servicio no puede informar "${report.status}" (solo: ${list(PROVIDER_REPORTED)}).`,
      en: `A service cannot report "${report.status}" (only: ${list(PROVIDER_REPORTED)}).`,
    };
  }
  if (referral.acceptedBy !== null && referral.acceptedBy !== report.providerId) {
    return {
      es: `El proveedor ${referral.acceptedBy} ya aceptó la remisión.`,
      en: `Provider ${referral.acceptedBy} already accepted the referral.`,
    };
  }
  if (!canMoveReferral(referral.status, report.status)) {
    const allowed = list(allowedNextReferralStatuses(referral.status));
    return {
      es: `Una remisión en estado "${referral.status}" no puede pasar a "${report.status}" (permitido: ${allowed}).`,
      en: `A referral in status "${referral.status}" cannot move to "${report.status}" (allowed: ${allowed}).`,
    };
  }
  return undefined;
}
