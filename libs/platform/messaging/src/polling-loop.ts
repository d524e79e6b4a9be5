import { Logger } from '@nestjs/common';

/**
 * The one background polling loop (outbox relay, delivery workers, sweeps): never two ticks at
 * once; the tick returns the delay before the next one; `wake(0)` during a tick runs the next one
 * right after it. A failing tick backs off exponentially (from `baseDelayMs`, up to 30 s).
 */
export class PollingLoop {
  private readonly logger = new Logger(PollingLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<number>,
    private readonly baseDelayMs = 250,
  ) {}

  wake(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      if (delayMs === 0) this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async run(): Promise<void> {
    this.again = false;
    let delay: number;
    try {
      delay = await this.tick();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      delay = Math.min(30_000, this.baseDelayMs * 2 ** this.failures);
      this.logger.error({
        msg: `${this.name} loop failed; will retry`,
        error: (error as Error).message,
        retryInMs: delay,
      });
    }
    const next = this.again ? 0 : delay;
    setImmediate(() => this.wake(next));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
