import { breakGlassSchema } from './break-glass.requests';

describe('care requests', () => {
  it('refuses break-glass without a reason code or a real justification', () => {
    expect(breakGlassSchema.safeParse({}).success).toBe(false);
    expect(breakGlassSchema.safeParse({ justification: 'Crisis call at night' }).success).toBe(
      false,
    );
    expect(
      breakGlassSchema.safeParse({ reasonCode: 'crisis-call', justification: 'urgent' }).success,
    ).toBe(false);
    expect(
      breakGlassSchema.safeParse({
        reasonCode: 'crisis-call',
        justification: 'Survivor called the line at night; assigned counsellor off duty.',
      }).success,
    ).toBe(true);
  });
});
