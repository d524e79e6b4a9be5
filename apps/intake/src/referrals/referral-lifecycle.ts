import {
  allowedNextReferralStatuses,
  canMoveReferral,
  PROVIDER_REPORTED,
  type ReferralStatus,
} from '@reintegra/event-contracts';
import type { LocalizedMessage } from '@reintegra/platform-errors';

/** Intake's check of a service's report against the contracts' one referral state machine. */
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
