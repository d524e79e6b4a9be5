import type { ReferralStatus } from '@reintegra/event-contracts';

/** Where one provider stands on a referral (latest report or routing action wins, by time). */
export interface ProviderStanding {
  readonly status: ReferralStatus;
  readonly at: string;
  readonly reasonCode?: string;
}

export type ProviderStandings = Readonly<Record<string, ProviderStanding>>;

/** Statuses that still wait for a provider's acknowledgement: the deadline runs. */
export const AWAITING_STATUSES: readonly ReferralStatus[] = ['requested', 'sent', 'no-capacity'];

const OUTCOME_ORDER: readonly ReferralStatus[] = [
  'completed',
  'not-completed',
  'in-progress',
  'accepted',
];

/**
 * The referral's status as the supervisor sees it, from each provider's standing. A bundle asks
 * several providers: the one that moved furthest decides (first acceptance wins); otherwise a
 * provider still asked keeps it `sent`, a waitlist keeps it `no-capacity`, and only when every
 * provider still asked declined is it `declined`. Revocation by the sender ends it.
 */
export function referralStatusOf(
  standings: ProviderStandings,
  revoked: boolean,
): { status: ReferralStatus; reasonCode?: string } {
  if (revoked) return { status: 'revoked' };
  const all = Object.values(standings);
  for (const outcome of OUTCOME_ORDER) {
    const found = all.find((standing) => standing.status === outcome);
    if (found) return withReason(outcome, found);
  }
  const active = all.filter((standing) => standing.status !== 'withdrawn');
  if (all.length === 0) return { status: 'requested' };
  if (active.length === 0) return { status: 'withdrawn' };
  if (active.some((s) => s.status === 'sent' || s.status === 'requested'))
    return { status: 'sent' };
  const waitlisted = active.find((s) => s.status === 'no-capacity');
  if (waitlisted) return { status: 'no-capacity' };
  const declined = [...active].sort((a, b) => b.at.localeCompare(a.at))[0];
  return withReason('declined', declined);
}

function withReason(status: ReferralStatus, standing: ProviderStanding | undefined) {
  return standing?.reasonCode ? { status, reasonCode: standing.reasonCode } : { status };
}

/** Records a provider's new standing unless an earlier-timed report arrives late (topics interleave). */
export function withStanding(
  standings: ProviderStandings,
  providerId: string,
  standing: ProviderStanding,
): ProviderStandings {
  const current = standings[providerId];
  if (current && Date.parse(current.at) > Date.parse(standing.at)) return standings;
  return { ...standings, [providerId]: standing };
}
