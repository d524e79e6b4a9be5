import { reportProblem } from './referral-lifecycle';

describe('referral closed loop', () => {
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
