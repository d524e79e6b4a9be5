import { caseListQuerySchema } from './dashboard.requests';

describe('case list filters', () => {
  it('accepts every filter with valid values and applies defaults', () => {
    const parsed = caseListQuerySchema.parse({
      municipality: 'SV-PA-LA-PAZ-ESTE',
      phase: 'in-services',
      service: 'education',
      priority: 'urgent',
      overdue: 'true',
      officer: 'user:demo-intake-officer',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(parsed).toMatchObject({ overdue: true, limit: 25, offset: 0 });
  });

  it.each([
    [{ phase: 'finished' }, 'phase'],
    [{ overdue: 'yes' }, 'overdue'],
    [{ municipality: 'SV-XX-NOWHERE' }, 'municipality'],
    [{ from: '2026-02-30' }, 'from'],
    [{ limit: '1000' }, 'limit'],
    [{ service: 'astrology' }, 'service'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'to'],
  ])('refuses %j naming the field', (query, field) => {
    const result = caseListQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('refuses parameters it does not know instead of ignoring them', () => {
    expect(caseListQuerySchema.safeParse({ overdu: 'true' }).success).toBe(false);
  });
});
