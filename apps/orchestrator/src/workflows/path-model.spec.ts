import { CASE_PHASES, type CasePhase } from '@reintegra/workflow-contracts';
import {
  appendHistory,
  closureProblem,
  countByEventType,
  droppedDimensions,
  nextFollowUpDueMs,
  nextPhase,
  notAfter,
  remember,
  SERVICE_FOR_DIMENSION,
  type PhaseTrigger,
} from './path-model';

describe('path phase machine', () => {
  it('walks the lifecycle intake → closed', () => {
    const steps: [PhaseTrigger, CasePhase][] = [
      ['assessment-completed', 'assessed'],
      ['plan-approved', 'plan-approved'],
      ['referral-accepted', 'in-services'],
      ['follow-up-due', 'follow-up'],
      ['closure-approved', 'closed'],
    ];
    let phase: CasePhase = 'intake';
    for (const [trigger, expected] of steps) {
      const next = nextPhase(phase, trigger);
      expect(next).toBe(expected);
      phase = next as CasePhase;
    }
  });

  it.each<[CasePhase, PhaseTrigger]>([
    ['intake', 'plan-approved'],
    ['plan-approved', 'assessment-completed'],
    ['intake', 'follow-up-due'],
    ['follow-up', 'plan-approved'],
    ['closed', 'closure-approved'],
    ['closed', 'referral-accepted'],
    ['closed', 'assessment-completed'],
  ])('rejects %s --%s-->', (phase, trigger) => {
    expect(nextPhase(phase, trigger)).toBeUndefined();
  });

  it('keeps the phase when an emergency referral is accepted before the plan', () => {
    expect(nextPhase('intake', 'referral-accepted')).toBe('intake');
    expect(nextPhase('assessed', 'referral-accepted')).toBe('assessed');
  });

  it('allows closure from every open phase, never twice', () => {
    for (const phase of CASE_PHASES) {
      expect(nextPhase(phase, 'closure-approved')).toBe(phase === 'closed' ? undefined : 'closed');
    }
  });
});

describe('closure rules', () => {
  it('needs a follow-up wave before closing as reintegrated', () => {
    expect(closureProblem('in-services', 'reintegrated', 0)).toMatch(/follow-up/);
    expect(closureProblem('follow-up', 'reintegrated', 1)).toBeUndefined();
  });

  it('accepts the other reasons in any open phase and nothing once closed', () => {
    expect(closureProblem('intake', 're-migrated', 0)).toBeUndefined();
    expect(closureProblem('assessed', 'deceased', 0)).toBeUndefined();
    expect(closureProblem('closed', 'disengaged', 3)).toMatch(/closed/);
  });
});

describe('follow-up rules', () => {
  it('proposes a referral for each dimension that dropped by the threshold or more', () => {
    const dropped = droppedDimensions(
      { economic: 0.6, social: 0.7, psychosocial: 0.5 },
      { economic: 0.45, social: 0.66, psychosocial: 0.9 },
      0.15,
    );
    expect(dropped).toEqual([{ dimension: 'economic', previousScore: 0.6, score: 0.45 }]);
  });

  it('proposes community inclusion when the social dimension drops', () => {
    const [drop] = droppedDimensions(
      { social: 0.8, economic: 0.5 },
      { social: 0.5, economic: 0.5 },
      0.15,
    );
    expect(drop).toMatchObject({ dimension: 'social' });
    expect(drop && SERVICE_FOR_DIMENSION[drop.dimension]).toBe('community');
    expect(SERVICE_FOR_DIMENSION.economic).toBe('employment');
  });

  it('ignores dimensions without a baseline or a score', () => {
    expect(droppedDimensions({ social: 0.9 }, { economic: 0.1 }, 0.1)).toEqual([]);
  });

  it('schedules waves from the plan approval and stops after the last', () => {
    const approved = '2026-01-01T00:00:00.000Z';
    const days = [91, 182, 365];
    expect(new Date(nextFollowUpDueMs(approved, days, 0) ?? 0).toISOString()).toBe(
      '2026-04-02T00:00:00.000Z',
    );
    expect(new Date(nextFollowUpDueMs(approved, days, 2) ?? 0).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(nextFollowUpDueMs(approved, days, 3)).toBeUndefined();
    expect(nextFollowUpDueMs(undefined, days, 0)).toBeUndefined();
  });

  it('takes the approval date carried in the event, but never one ahead of the workflow clock', () => {
    const now = '2026-12-04T10:00:00.000Z';
    expect(notAfter('2026-09-01T08:00:00-06:00', now)).toBe('2026-09-01T14:00:00.000Z');
    expect(notAfter('2026-12-05T00:00:00.000Z', now)).toBe(now);
  });
});

describe('compact state', () => {
  it('keeps the most recent ids and history entries within their caps', () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) remember(ids, `id-${i}`, 3);
    expect(ids).toEqual(['id-2', 'id-3', 'id-4']);
    const history = [{ at: 'a', eventType: 'x', phase: 'intake' as const }];
    expect(appendHistory(history, { at: 'b', eventType: 'y', phase: 'intake' }, 1)).toBe(1);
    expect(history.map((entry) => entry.at)).toEqual(['b']);
    expect(countByEventType([...history, ...history])).toEqual({ y: 2 });
  });
});
