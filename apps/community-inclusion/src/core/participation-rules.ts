/**
 * Sustained participation, as a versioned rule (IOM: what matters is regular, sustained
 * participation). A published version never changes; a new rule gets a new version, and every
 * milestone names the version it was reached under.
 */
export interface ParticipationRule {
  readonly version: string;
  /** The window looked at, ending today. */
  readonly windowWeeks: number;
  /** Share of the sessions held in the window (since the person joined) they attended. */
  readonly minShare: number;
  /** Sessions the person must have been able to attend before the share counts. */
  readonly minSessions: number;
  /** Consecutive missed sessions (the latest ones) that put a person on the drop-off list. */
  readonly dropOffAbsences: number;
}

export const PARTICIPATION_RULES: Readonly<Record<string, ParticipationRule>> = {
  '2026-12': {
    version: '2026-12',
    windowWeeks: 8,
    minShare: 0.75,
    minSessions: 6,
    dropOffAbsences: 3,
  },
};

export function participationRule(version: string): ParticipationRule {
  const rule = PARTICIPATION_RULES[version];
  if (!rule) throw new Error(`unknown participation rule ${version}`);
  return rule;
}

/** One person's figures in one activity over the rule's window (from the SQL aggregate). */
export interface ParticipationFigures {
  eligibleSessions: number;
  attendedSessions: number;
  currentStreak: number;
  trailingAbsences: number;
}

export interface ParticipationStanding extends ParticipationFigures {
  share: number | null;
  sustained: boolean;
  droppingOff: boolean;
}

/** Applies a rule to the figures: pure, so the rule is testable apart from the SQL. */
export function standingUnder(
  rule: ParticipationRule,
  figures: ParticipationFigures,
): ParticipationStanding {
  const share =
    figures.eligibleSessions > 0 ? figures.attendedSessions / figures.eligibleSessions : null;
  return {
    ...figures,
    share,
    sustained: figures.eligibleSessions >= rule.minSessions && (share ?? 0) >= rule.minShare,
    droppingOff: figures.trailingAbsences >= rule.dropOffAbsences,
  };
}
