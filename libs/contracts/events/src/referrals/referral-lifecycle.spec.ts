import { canMoveReferral, isReferralClosed, REVOCABLE_STATUSES } from './referral-lifecycle';
import { referralStatusSchema } from './referral-vocabulary';

describe('the one referral state machine', () => {
  it('walks requested → sent → accepted → in progress → completed', () => {
    const path = ['requested', 'sent', 'accepted', 'in-progress', 'completed'] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveReferral(path[i - 1], path[i])).toBe(true);
  });

  it('keeps a declined or waitlisted referral open for re-routing and other providers', () => {
    expect(canMoveReferral('declined', 'sent')).toBe(true);
    expect(canMoveReferral('declined', 'accepted')).toBe(true);
    expect(canMoveReferral('no-capacity', 'accepted')).toBe(true);
    expect(canMoveReferral('no-capacity', 'not-completed')).toBe(true);
  });

  it('refuses skipping acceptance, and any move out of a closed state', () => {
    expect(canMoveReferral('sent', 'completed')).toBe(false);
    expect(canMoveReferral('requested', 'in-progress')).toBe(false);
    expect(canMoveReferral('accepted', 'declined')).toBe(false);
    for (const closed of ['completed', 'not-completed', 'revoked', 'withdrawn'] as const) {
      expect(isReferralClosed(closed)).toBe(true);
      for (const to of referralStatusSchema.options)
        expect(canMoveReferral(closed, to)).toBe(false);
    }
  });

  it('lets the sender revoke until the referral is closed', () => {
    expect(REVOCABLE_STATUSES).toEqual([
      'requested',
      'sent',
      'accepted',
      'declined',
      'no-capacity',
      'in-progress',
    ]);
  });

  it('lets the office that accepted close the referral without an in-progress step', () => {
    // Employment closes an accepted referral as completed; intake and the path must agree.
    expect(canMoveReferral('accepted', 'completed')).toBe(true);
    expect(canMoveReferral('accepted', 'not-completed')).toBe(true);
  });
});
