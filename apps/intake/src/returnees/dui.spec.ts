import { isValidDui } from './dui';

describe('isValidDui', () => {
  it.each(['00016297-5', '04567890-3', '12345678-4'])('accepts %s (valid check digit)', (dui) => {
    expect(isValidDui(dui)).toBe(true);
  });

  it.each([
    ['wrong check digit', '00016297-4'],
    ['missing dash', '000162975'],
    ['too short', '0016297-5'],
    ['letters', 'ABCDEFGH-1'],
  ])('rejects %s', (_label, dui) => {
    expect(isValidDui(dui)).toBe(false);
  });
});
