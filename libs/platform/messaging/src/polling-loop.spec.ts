import { PollingLoop } from './polling-loop';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollingLoop', () => {
  it('never runs two ticks at once, and a wake during a tick runs the next one right after', async () => {
    let active = 0;
    let maxActive = 0;
    let ticks = 0;
    const loop = new PollingLoop('test', async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      ticks += 1;
      await sleep(20);
      active -= 1;
      return 60_000; // idle: only a wake brings the next tick
    });
    loop.wake(0);
    await sleep(5);
    loop.wake(0);
    loop.wake(0);
    await sleep(80);
    await loop.stop();
    expect(maxActive).toBe(1);
    expect(ticks).toBe(2);
  });

  it('backs off after a failing tick and recovers', async () => {
    const at: number[] = [];
    let calls = 0;
    const loop = new PollingLoop(
      'test',
      async () => {
        at.push(Date.now());
        calls += 1;
        if (calls <= 2) throw new Error('broker down');
        return 60_000;
      },
      20,
    );
    loop.wake(0);
    await sleep(250);
    await loop.stop();
    expect(calls).toBe(3);
    // 20 ms × 2 after the first failure, 20 ms × 4 after the second.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(35);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(75);
  });

  it('does nothing once stopped', async () => {
    let ticks = 0;
    const loop = new PollingLoop('test', async () => {
      ticks += 1;
      return 0;
    });
    await loop.stop();
    loop.wake(0);
    await sleep(20);
    expect(ticks).toBe(0);
  });
});
