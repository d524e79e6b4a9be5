/**
 * Delay before the next attempt of a failed delivery: exponential (base × 2^(attempt−1), capped)
 * with jitter between half and all of it, so that receivers coming back are not hit in waves.
 */
export function retryDelayMs(
  attempt: number,
  { baseMs, maxMs }: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
