import { recordSessionSchema } from './sessions.requests';

describe('care requests', () => {
  it('refuses sessions in the future', () => {
    expect(
      recordSessionSchema.safeParse({
        heldAt: '2999-01-01T10:00:00Z',
        durationMinutes: 50,
        notes: 'x',
      }).success,
    ).toBe(false);
  });
});
