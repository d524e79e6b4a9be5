/* Referral statuses as the read model's SQL lists them (dashboard, indicators, sweep, rebuild). */

/** Statuses still waiting for a provider's acknowledgement (their deadline runs). */
export const AWAITING_SQL = `('requested', 'sent', 'no-capacity')`;
/** Statuses of a referral that is still open (waiting, or taken and under way). */
export const OPEN_SQL = `('requested', 'sent', 'no-capacity', 'accepted', 'in-progress')`;
