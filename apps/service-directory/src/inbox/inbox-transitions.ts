/** Where a referral stands for one organisation, and what its answer may move it to. */
export type InboxStatus =
  | 'asked'
  | 'accepted'
  | 'declined'
  | 'no-capacity'
  | 'in-progress'
  | 'completed'
  | 'not-completed'
  | 'withdrawn'
  | 'revoked';

export type InboxAnswer =
  | 'accepted'
  | 'declined'
  | 'no-capacity'
  | 'in-progress'
  | 'completed'
  | 'not-completed';

const NEXT: Record<InboxStatus, readonly InboxAnswer[]> = {
  asked: ['accepted', 'declined', 'no-capacity'],
  // Waitlisted: it may still take the person when a place frees up, or give up.
  'no-capacity': ['accepted', 'declined'],
  accepted: ['in-progress', 'completed', 'not-completed'],
  'in-progress': ['completed', 'not-completed'],
  declined: [],
  completed: [],
  'not-completed': [],
  withdrawn: [],
  revoked: [],
};

export function canAnswer(from: InboxStatus, answer: InboxAnswer): boolean {
  return NEXT[from].includes(answer);
}
