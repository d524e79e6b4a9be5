import { referralStatusSchema, type ReferralStatus } from './referral-vocabulary';

/**
 * The closed loop of a referral (product brief flow 5): the one state machine every service and
 * intake use, so a report one side accepts is never one the other refuses.
 *
 *   requested → sent → accepted | declined | no-capacity → in-progress → completed | not-completed
 *   accepted → completed | not-completed directly (the work was short, or never started);
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
  accepted: ['in-progress', 'completed', 'not-completed', ...TAKEN_BACK],
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
