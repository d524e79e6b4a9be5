import { complementary, count, derived, toCsv } from './suppression';

describe('small-cell suppression', () => {
  it.each([
    [0, 0],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [120, 120],
  ])('publishes a count of %p as %p', (value, published) => {
    expect(count(value)).toBe(published);
  });

  it('hides the complement of a suppressed count, so it cannot be worked out from the total', () => {
    expect(complementary(3, 9)).toEqual(['<5', '<5']);
    expect(complementary(9, 4)).toEqual(['<5', '<5']);
    expect(complementary(0, 3)).toEqual([0, '<5']);
    expect(complementary(0, 7)).toEqual([0, 7]);
    expect(complementary(5, 12)).toEqual([5, 12]);
  });

  it('hides a mean or median computed from fewer than 5 cases', () => {
    expect(derived(0.4567, 3)).toBe('<5');
    expect(derived(0.4567, 5)).toBe(0.46);
    expect(derived(null, 0)).toBeNull();
  });

  it('defuses texts a spreadsheet would run as formulas, keeps negative numbers', () => {
    const rows = [['=HYPERLINK("x")'], ['+1'], ['-2+3'], ['@SUM(A1)'], ['\tx'], [-4], ['a=b']];
    expect(toCsv(['v'], rows).split('\r\n')).toEqual([
      'v',
      `"'=HYPERLINK(""x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      '-4',
      'a=b',
      '',
    ]);
  });

  it('writes CSV that spreadsheets read back (quotes, commas, empty cells)', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', null],
          ['say "hi"', '<5'],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\r\n"say ""hi""",<5\r\n');
  });
});
