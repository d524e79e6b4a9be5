import { participationRule, standingUnder } from './participation-rules';

describe('sustained participation rule 2026-12', () => {
  const rule = participationRule('2026-12');
  const figures = (eligibleSessions: number, attendedSessions: number, trailingAbsences = 0) => ({
    eligibleSessions,
    attendedSessions,
    currentStreak: 0,
    trailingAbsences,
  });

  it('needs at least 75 % of at least 6 sessions in the 8-week window', () => {
    expect(rule).toMatchObject({ windowWeeks: 8, minShare: 0.75, minSessions: 6 });
    expect(standingUnder(rule, figures(8, 6)).sustained).toBe(true);
    expect(standingUnder(rule, figures(8, 5)).sustained).toBe(false);
    expect(standingUnder(rule, figures(5, 5)).sustained).toBe(false); // too new to say
    expect(standingUnder(rule, figures(0, 0)).share).toBeNull();
  });

  it('puts three latest sessions missed in a row on the drop-off list', () => {
    expect(standingUnder(rule, figures(6, 3, 3)).droppingOff).toBe(true);
    expect(standingUnder(rule, figures(6, 4, 2)).droppingOff).toBe(false);
  });

  it('refuses an unknown version', () => {
    expect(() => participationRule('2020-01')).toThrow('unknown participation rule');
  });
});
