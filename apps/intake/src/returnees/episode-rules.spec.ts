import { chronologicalEpisodeNumbers, returnFollowsPrevious } from './episode-rules';

describe('return episodes', () => {
  it('accepts a return after the previous one, not the same day or earlier', () => {
    expect(returnFollowsPrevious('2026-01-10', '2026-06-02')).toBe(true);
    expect(returnFollowsPrevious('2026-01-10', '2026-01-10')).toBe(false);
    expect(returnFollowsPrevious('2026-01-10', '2025-12-31')).toBe(false);
  });

  it('numbers the episodes of two merged records in the order of the returns', () => {
    const at = (iso: string) => new Date(iso);
    const numbers = chronologicalEpisodeNumbers([
      { id: 'b-1', returnDate: '2025-03-01', registeredAt: at('2025-03-01T10:00:00Z') },
      { id: 'a-1', returnDate: '2024-01-15', registeredAt: at('2024-01-15T10:00:00Z') },
      { id: 'a-2', returnDate: '2026-07-20', registeredAt: at('2026-07-20T10:00:00Z') },
      // Same day twice (two offices): the earlier registration first.
      { id: 'b-2', returnDate: '2026-07-20', registeredAt: at('2026-07-20T09:00:00Z') },
    ]);
    expect([...numbers.entries()].sort((x, y) => x[1] - y[1])).toEqual([
      ['a-1', 1],
      ['b-1', 2],
      ['b-2', 3],
      ['a-2', 4],
    ]);
  });
});
