import { retryDelayMs } from './backoff';

describe('retry delay', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  it('doubles each attempt within half-to-full jitter', () => {
    expect(retryDelayMs(1, options, () => 0)).toBe(500);
    expect(retryDelayMs(1, options, () => 1)).toBe(1000);
    expect(retryDelayMs(4, options, () => 0)).toBe(4000);
    expect(retryDelayMs(4, options, () => 1)).toBe(8000);
  });

  it('never waits longer than the maximum', () => {
    expect(retryDelayMs(30, options, () => 1)).toBe(60_000);
  });
});
