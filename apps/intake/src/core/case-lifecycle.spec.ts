import { caseStatusSchema } from '@reintegra/event-contracts';
import { allowedNextStatuses, canMoveCase } from './case-lifecycle';

describe('case lifecycle', () => {
  it('walks the whole path from open to closed', () => {
    const path = [
      'open',
      'assessed',
      'plan-approved',
      'in-services',
      'follow-up',
      'closed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveCase(path[i - 1], path[i])).toBe(true);
  });

  it('never leaves closed: a new return opens a new episode instead', () => {
    for (const status of caseStatusSchema.options)
      expect(canMoveCase('closed', status)).toBe(false);
  });

  it('refuses skipping the assessment or approving a plan twice', () => {
    expect(canMoveCase('open', 'plan-approved')).toBe(false);
    expect(canMoveCase('plan-approved', 'plan-approved')).toBe(false);
    expect(canMoveCase('in-services', 'assessed')).toBe(false);
  });

  it('can close from every open status', () => {
    for (const status of caseStatusSchema.options.filter((s) => s !== 'closed')) {
      expect(allowedNextStatuses(status)).toContain('closed');
    }
  });
});
