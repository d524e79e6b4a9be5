/**
 * The messages of one partition that a consumer has taken and not yet finished. Messages with
 * different keys run side by side; a key's messages run one after the other, in offset order
 * (the key is the case id, so a case's events apply in order). The commit watermark only ever
 * covers a run of finished messages from the oldest one taken: the committed offset is the lowest
 * unfinished one, so a crash redelivers every message not finished (the inbox drops repeats).
 */
export interface WindowTicket {
  readonly offset: bigint;
  /** The window's generation when the message was taken; a rewind starts a new one. */
  readonly generation: number;
  /** Settles when the previous message of the same key has finished (or was abandoned). */
  readonly previous: Promise<void>;
}

interface Entry {
  readonly offset: bigint;
  done: boolean;
}

export class PartitionWindow {
  private entries: Entry[] = [];
  private readonly tails = new Map<string, Promise<void>>();
  private readonly roomWaiters: Array<() => void> = [];
  private lastTaken: bigint | undefined;
  private current = 0;
  /** Messages taken and not yet released, across generations. */
  inFlight = 0;

  constructor(private readonly limit: number) {}

  get generation(): number {
    return this.current;
  }

  /**
   * Takes a message. An offset at or below the last one taken means the consumer was rewound (a
   * seek, a rebalance): what was taken before is forgotten for the watermark (it is delivered
   * again) and a new generation starts.
   */
  take(offset: bigint, key: string, run: (ticket: WindowTicket) => Promise<void>): Promise<void> {
    if (this.lastTaken !== undefined && offset <= this.lastTaken) this.rewind();
    this.lastTaken = offset;
    this.inFlight += 1;
    this.entries.push({ offset, done: false });
    const previous = this.tails.get(key) ?? Promise.resolve();
    const task = run({ offset, generation: this.current, previous }).finally(() => {
      if (this.tails.get(key) === task) this.tails.delete(key);
      this.inFlight -= 1;
      this.roomWaiters.splice(0).forEach((wake) => wake());
    });
    this.tails.set(key, task);
    return task;
  }

  /** Whether the ticket still belongs to the current generation (its message is not redelivered). */
  isCurrent(ticket: WindowTicket): boolean {
    return ticket.generation === this.current;
  }

  /**
   * Marks a message finished; returns the offset to commit (one past the last of the finished run
   * at the head of the window) when the watermark moved, else undefined.
   */
  finish(ticket: WindowTicket): bigint | undefined {
    if (!this.isCurrent(ticket)) return undefined;
    const entry = this.entries.find(
      (candidate) => candidate.offset === ticket.offset && !candidate.done,
    );
    if (entry) entry.done = true;
    let last: bigint | undefined;
    while (this.entries[0]?.done) last = this.entries.shift()?.offset;
    return last === undefined ? undefined : last + 1n;
  }

  /**
   * Forgets the messages taken so far (they will be delivered again); later tickets of theirs are
   * stale. Returns the lowest unfinished offset: where the partition must be sought back to, since a
   * message below the failing one may still wait for its key's turn and would otherwise be lost.
   */
  rewind(): bigint | undefined {
    const lowest = this.entries[0]?.offset;
    this.current += 1;
    this.entries = [];
    this.lastTaken = undefined;
    return lowest;
  }

  /** Settles once fewer than `limit` messages are in flight. */
  async room(heartbeat: () => Promise<void>, heartbeatMs = 3_000): Promise<void> {
    while (this.inFlight >= this.limit) {
      let timer: NodeJS.Timeout | undefined;
      const woken = await new Promise<boolean>((resolve) => {
        this.roomWaiters.push(() => resolve(true));
        timer = setTimeout(() => resolve(false), heartbeatMs);
      });
      clearTimeout(timer);
      // A long wait (a key retrying) must not cost the consumer its group membership.
      if (!woken) await heartbeat().catch(() => undefined);
    }
  }

  /** Settles when every message taken so far has been released. */
  async drained(): Promise<void> {
    while (this.inFlight > 0) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
  }
}
