import { referralStatusSchema } from '@reintegra/event-contracts';
import {
  canMoveReferral,
  isReferralClosed,
  reportProblem,
  REVOCABLE_STATUSES,
} from './referral-lifecycle';

describe('referral closed loop', () => {
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

  describe('a service report', () => {
    const open = { status: 'sent' as const, acceptedBy: null };

    it('applies when the loop allows it', () => {
      expect(reportProblem(open, { providerId: 'p1', status: 'accepted' })).toBeUndefined();
      expect(
        reportProblem(
          { status: 'accepted', acceptedBy: 'p1' },
          { providerId: 'p1', status: 'in-progress' },
        ),
      ).toBeUndefined();
    });

    it('names the allowed statuses of an illegal move', () => {
      expect(reportProblem(open, { providerId: 'p1', status: 'completed' })?.en).toBe(
        'A referral in status "sent" cannot move to "completed" (allowed: sent, accepted, declined, no-capacity, revoked, withdrawn).',
      );
    });

    it('cannot revoke or withdraw (the sender and the path do that)', () => {
      expect(reportProblem(open, { providerId: 'p1', status: 'revoked' })?.en).toContain(
        'cannot report "revoked"',
      );
      expect(reportProblem(open, { providerId: 'p1', status: 'withdrawn' })).toBeDefined();
    });

    it('comes only from the provider that accepted, once one did', () => {
      expect(
        reportProblem(
          { status: 'accepted', acceptedBy: 'p1' },
          { providerId: 'p2', status: 'in-progress' },
        )?.en,
      ).toBe('Provider p1 already accepted the referral.');
    });
  });
});
