/**
 * A referral as the provider inbox API gives it: no case id, no name, only the facts its service
 * type needs. The screens keep it in memory only, for as long as they show it.
 */
export interface ProviderReferral {
  referralId: string;
  service: string;
  priority: string;
  acknowledgeBy: string;
  status: string;
  reasonCode: string | null;
  facts: Record<string, string | number>;
  askedAt: string;
  updatedAt: string;
}

/** What the organisation may still answer, by status (the API checks the same moves). */
export const ANSWERS_BY_STATUS: Record<string, readonly string[]> = {
  asked: ['accepted', 'no-capacity', 'declined'],
  'no-capacity': ['accepted', 'declined'],
  accepted: ['in-progress', 'completed', 'not-completed'],
  'in-progress': ['completed', 'not-completed'],
};

/** Waiting for the organisation's first answer: the deadline runs. */
export const awaitsAnswer = (status: string) => status === 'asked' || status === 'no-capacity';

export const isOverdue = (referral: ProviderReferral, now: number = Date.now()) =>
  awaitsAnswer(referral.status) && Date.parse(referral.acknowledgeBy) < now;

/** A short code to tell referrals apart on screen (the id's first 8 characters). */
export const shortCode = (referralId: string) => referralId.slice(0, 8);
