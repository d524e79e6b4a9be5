import { RecentFigures } from './recent-figures';

describe('recent figures', () => {
  afterEach(() => jest.useRealTimers());

  it('computes once for concurrent requests and reuses the answer while fresh', async () => {
    const figures = new RecentFigures<number>(1_000, 10_000);
    let computed = 0;
    const compute = async () => ++computed;
    const answers = await Promise.all([figures.get('a', compute), figures.get('a', compute)]);
    expect(answers).toEqual([1, 1]);
    expect(await figures.get('a', compute)).toBe(1);
    expect(await figures.get('b', compute)).toBe(2);
  });

  it('serves a stale answer at once and refreshes it behind; too old, it waits', async () => {
    jest.useFakeTimers({ now: 0 });
    const figures = new RecentFigures<number>(1_000, 10_000);
    let computed = 0;
    const compute = async () => ++computed;
    await figures.get('a', compute);
    jest.setSystemTime(5_000);
    expect(await figures.get('a', compute)).toBe(1);
    await Promise.resolve();
    expect(await figures.get('a', compute)).toBe(2);
    jest.setSystemTime(60_000);
    expect(await figures.get('a', compute)).toBe(3);
  });

  it('forgets the least recently asked key beyond its bound', async () => {
    const figures = new RecentFigures<number>(60_000, 60_000, 2);
    let computed = 0;
    const compute = async () => ++computed;
    await figures.get('a', compute);
    await figures.get('b', compute);
    expect(await figures.get('a', compute)).toBe(1);
    await figures.get('c', compute);
    expect(await figures.get('a', compute)).toBe(1);
    expect(await figures.get('b', compute)).toBe(4);
  });

  it('does not keep a failure', async () => {
    const figures = new RecentFigures<number>(1_000, 10_000);
    await expect(figures.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await figures.get('a', async () => 7)).toBe(7);
  });
});
