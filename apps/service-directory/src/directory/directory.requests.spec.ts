import { updateServiceSchema } from './directory.requests';

describe('a service change', () => {
  it('refuses a maximum age below the minimum, on the maximum', () => {
    const result = updateServiceSchema.safeParse({ minimumAge: 30, maximumAge: 20 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['maximumAge']);
  });

  it('takes an age range, or ages cleared (null)', () => {
    expect(updateServiceSchema.safeParse({ minimumAge: 18, maximumAge: 60 }).success).toBe(true);
    expect(updateServiceSchema.safeParse({ minimumAge: null, maximumAge: 20 }).success).toBe(true);
  });
});
