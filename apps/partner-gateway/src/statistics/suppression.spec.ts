import { statisticsQuery } from './statistics.requests';
import { suppress } from './statistics.service';

const row = {
  month: '2026-11',
  municipality_code: 'SV-PA-LA-PAZ-ESTE',
  service: 'employment',
  outcome: 'completed',
};

describe('small-cell suppression', () => {
  it('hides both counts of a cell with fewer people than the minimum', () => {
    expect(suppress({ ...row, referrals: 6, people: 4 }, 5)).toEqual({
      month: '2026-11',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      service: 'employment',
      outcome: 'completed',
      referrals: null,
      people: null,
      suppressed: true,
    });
  });

  it('shows a cell at the minimum', () => {
    expect(suppress({ ...row, referrals: 7, people: 5 }, 5)).toMatchObject({
      referrals: 7,
      people: 5,
      suppressed: false,
    });
  });

  it('defaults to the last twelve months and refuses a reversed range', () => {
    const parsed = statisticsQuery.parse({});
    expect(parsed.from < parsed.to).toBe(true);
    expect(statisticsQuery.safeParse({ from: '2026-12', to: '2026-01' }).success).toBe(false);
    expect(statisticsQuery.safeParse({ from: '2026-13' }).success).toBe(false);
  });
});
