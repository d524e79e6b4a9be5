/**
 * Aggregates over every case of a scope, computed at most once per `freshMs` per key and shared
 * by concurrent requests; an answer up to `staleMs` old is served at once while a fresh one is
 * computed behind it (stale-while-revalidate). Live alerts, not these figures, carry what is
 * urgent. At most `maxKeys` answers are kept; the least recently asked is forgotten first.
 */
export class RecentFigures<T> {
  private readonly entries = new Map<string, { value?: T; at: number; pending?: Promise<T> }>();

  constructor(
    private readonly freshMs: number,
    private readonly staleMs: number,
    private readonly maxKeys = 1_000,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(key) ?? { at: 0 };
    // Re-inserted, so the map's order is the order of last use.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const age = now - entry.at;
    if (entry.value !== undefined && age < this.freshMs) return entry.value;
    entry.pending ??= compute().then(
      (value) => {
        entry.value = value;
        entry.at = Date.now();
        entry.pending = undefined;
        return value;
      },
      (error: unknown) => {
        entry.pending = undefined;
        throw error;
      },
    );
    if (entry.value !== undefined && age < this.staleMs) {
      entry.pending.catch(() => undefined);
      return entry.value;
    }
    return entry.pending;
  }
}
