import { type Admin, AssignerProtocol, type Kafka } from 'kafkajs';
import { groupLag } from '@reintegra/platform-messaging';

export interface LagSample {
  /** Milliseconds since the sampler started. */
  at: number;
  /** Messages not yet handled, per consumer group (summed over its partitions). */
  lag: Record<string, number>;
}

/**
 * Samples every consumer group's lag on a broker at a fixed interval (the platform's `groupLag`
 * over the partitions the group's members are assigned, summed). Groups whose id starts with one
 * of `ignore` (the measuring side's own) are left out.
 */
export class LagSampler {
  readonly samples: LagSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly started = Date.now();

  private constructor(
    private readonly admin: Admin,
    private readonly ignore: string[],
  ) {}

  static async start(kafka: Kafka, everyMs: number, ignore: string[] = []): Promise<LagSampler> {
    const admin = kafka.admin();
    await admin.connect();
    const sampler = new LagSampler(admin, ignore);
    await sampler.sample();
    sampler.timer = setInterval(() => void sampler.sample(), everyMs);
    return sampler;
  }

  /** The total lag of the last sample (every group). */
  get total(): number {
    const last = this.samples.at(-1);
    return last ? Object.values(last.lag).reduce((sum, n) => sum + n, 0) : Number.NaN;
  }

  /** The highest lag each group reached. */
  maxima(): Record<string, number> {
    const max: Record<string, number> = {};
    for (const { lag } of this.samples)
      for (const [group, n] of Object.entries(lag)) max[group] = Math.max(max[group] ?? 0, n);
    return max;
  }

  /** Resolves once two samples in a row show no lag anywhere; rejects after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<void> {
    const giveUpAt = Date.now() + timeoutMs;
    const clear = () => this.samples.slice(-2).every((s) => Object.values(s.lag).every((n) => !n));
    let said = Date.now();
    while (this.samples.length < 2 || !clear()) {
      if (Date.now() - said > 15_000) {
        said = Date.now();
        console.log(
          `[bench] waiting for the consumers: lag ${JSON.stringify(this.samples.at(-1)?.lag)}`,
        );
      }
      if (Date.now() > giveUpAt)
        throw new Error(`consumer lag still ${this.total} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Stops sampling; the samples stay. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.admin.disconnect();
  }

  private async sample(): Promise<void> {
    // A slow broker (a sample longer than the interval) skips a tick rather than piling up.
    if (this.busy) return;
    this.busy = true;
    try {
      const at = Date.now() - this.started;
      const ids = (await this.admin.listGroups()).groups
        .map((group) => group.groupId)
        .filter((id) => !this.ignore.some((prefix) => id.startsWith(prefix)));
      const { groups } = await this.admin.describeGroups(ids);
      const lag: Record<string, number> = {};
      for (const group of groups) {
        const topics = new Set<string>();
        for (const member of group.members) {
          const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
          for (const topic of Object.keys(assignment?.assignment ?? {})) topics.add(topic);
        }
        if (topics.size === 0) continue;
        const partitions = await groupLag(this.admin, group.groupId, [...topics]);
        lag[group.groupId] = partitions.reduce((sum, p) => sum + p.lag, 0);
      }
      this.samples.push({ at, lag });
    } catch {
      // A broker being elected or restarted: the next tick samples again.
    } finally {
      this.busy = false;
    }
  }
}
