import { referralStatusOf, withStanding } from './referral-status';

const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('referral status from the providers of a bundle', () => {
  it('is requested before any provider is asked, sent while one is asked', () => {
    expect(referralStatusOf({}, false)).toEqual({ status: 'requested' });
    expect(referralStatusOf({ a: { status: 'sent', at: at(1) } }, false)).toEqual({
      status: 'sent',
    });
  });

  it('stays sent while another provider of the bundle has not answered after a decline', () => {
    const standings = {
      a: { status: 'declined' as const, at: at(2), reasonCode: 'not-eligible' },
      b: { status: 'sent' as const, at: at(1) },
    };
    expect(referralStatusOf(standings, false)).toEqual({ status: 'sent' });
  });

  it('is declined (with the reason) only when every provider still asked declined', () => {
    const standings = {
      a: { status: 'declined' as const, at: at(2), reasonCode: 'not-eligible' },
      b: { status: 'withdrawn' as const, at: at(3) },
    };
    expect(referralStatusOf(standings, false)).toEqual({
      status: 'declined',
      reasonCode: 'not-eligible',
    });
  });

  it('takes the furthest outcome: the first acceptance wins over waitlists and withdrawals', () => {
    const standings = {
      a: { status: 'no-capacity' as const, at: at(1) },
      b: { status: 'accepted' as const, at: at(2) },
      c: { status: 'withdrawn' as const, at: at(3) },
    };
    expect(referralStatusOf(standings, false).status).toBe('accepted');
    expect(
      referralStatusOf({ ...standings, b: { status: 'completed', at: at(9) } }, false).status,
    ).toBe('completed');
  });

  it('is no-capacity while the only providers left keep the person on a waitlist', () => {
    expect(
      referralStatusOf(
        { a: { status: 'no-capacity', at: at(1) }, b: { status: 'declined', at: at(2) } },
        false,
      ).status,
    ).toBe('no-capacity');
  });

  it('ends as revoked whatever the providers said', () => {
    expect(referralStatusOf({ a: { status: 'accepted', at: at(1) } }, true)).toEqual({
      status: 'revoked',
    });
  });

  it('keeps the later report when an earlier one arrives late (topics interleave)', () => {
    const later = withStanding({}, 'a', { status: 'accepted', at: at(5) });
    expect(withStanding(later, 'a', { status: 'sent', at: at(1) })).toBe(later);
    expect(withStanding(later, 'a', { status: 'in-progress', at: at(6) })['a']?.status).toBe(
      'in-progress',
    );
  });
});
