import { allowedClosureReasons, canCloseWith } from './closure-rules';

describe('closure reasons', () => {
  it('closes as reintegrated only from follow-up', () => {
    expect(canCloseWith('follow-up', 'reintegrated')).toBe(true);
    for (const status of ['open', 'assessed', 'plan-approved', 'in-services'] as const) {
      expect(canCloseWith(status, 'reintegrated')).toBe(false);
    }
  });

  it('allows the other reasons from any open status', () => {
    expect(allowedClosureReasons('open')).toEqual([
      'disengaged',
      're-migrated',
      'transferred',
      'deceased',
    ]);
    expect(allowedClosureReasons('follow-up')).toHaveLength(5);
  });

  it('allows nothing once closed', () => {
    expect(allowedClosureReasons('closed')).toEqual([]);
  });
});
