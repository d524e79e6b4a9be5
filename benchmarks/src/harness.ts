import { performance } from 'node:perf_hooks';

/**
 * The one benchmark harness. A benchmark compares a candidate (the real path) with a baseline
 * measured in the same run on the same machine, and prints both with their ratio: absolute
 * figures vary between machines, ratios much less. Benchmarks print; they never assert.
 */
export interface Workload {
  readonly name: string;
  /** One operation; `index` counts from 0 over warm-up and measured operations. */
  run(index: number): Promise<void>;
}

export interface LoadOptions {
  /** Measured operations. */
  operations: number;
  /** Operations in flight at once. */
  concurrency: number;
  /** Unmeasured operations first (JIT, pools, caches). */
  warmup?: number;
  /** Fixed arrival rate (operations per second); unset = as fast as possible. */
  ratePerSecond?: number;
}

export interface Result {
  readonly name: string;
  readonly operations: number;
  readonly errors: number;
  readonly seconds: number;
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Sampled {
  latencies: number[];
  errors: number;
  seconds: number;
}

/** Runs `operations` of a workload with bounded concurrency (and an optional fixed rate). */
async function sample(
  workload: Workload,
  options: LoadOptions,
  firstIndex: number,
): Promise<Sampled> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const interval = options.ratePerSecond ? 1000 / options.ratePerSecond : 0;
  const lane = async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= options.operations) return;
      if (interval) {
        const due = started + index * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const t0 = performance.now();
      try {
        await workload.run(firstIndex + index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        if (errors === 1)
          console.error(`[bench] ${workload.name}: first error: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

function summarize(name: string, operations: number, sampled: Sampled): Result {
  const sorted = [...sampled.latencies].sort((a, b) => a - b);
  return {
    name,
    operations,
    errors: sampled.errors,
    seconds: sampled.seconds,
    throughput: sampled.latencies.length / sampled.seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * A result from latencies measured elsewhere (a load that is not a `Workload`: people walking
 * through a day, effects timed from the data); `seconds` is the span they were measured over.
 */
export function fromLatencies(
  name: string,
  latencies: number[],
  seconds: number,
  errors = 0,
): Result {
  return summarize(name, latencies.length + errors, { latencies, errors, seconds });
}

/** Runs a workload with bounded concurrency (and an optional fixed rate); latency per operation. */
export async function measure(workload: Workload, options: LoadOptions): Promise<Result> {
  const warmup = options.warmup ?? 0;
  for (let i = 0; i < warmup; i += 1) await workload.run(i);
  return summarize(workload.name, options.operations, await sample(workload, options, warmup));
}

/**
 * Two variants of one workload (without and with a feature) measured in the same run, in
 * alternating rounds — A B, B A, A B, … — so that the machine's drift (other load, a warming
 * cache) falls on both alike; each result pools its rounds (`operations` is per round).
 */
export async function interleave(
  a: Workload,
  b: Workload,
  options: LoadOptions & { rounds: number },
): Promise<[Result, Result]> {
  const warmup = options.warmup ?? 0;
  const empty = (): Sampled => ({ latencies: [], errors: 0, seconds: 0 });
  const pooled: [Sampled, Sampled] = [empty(), empty()];
  const workloads: [Workload, Workload] = [a, b];
  for (let i = 0; i < warmup; i += 1) await Promise.all([a.run(i), b.run(i)]);
  for (let round = 0; round < options.rounds; round += 1) {
    const order: Array<0 | 1> = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const firstIndex = warmup + round * options.operations;
      const sampled = await sample(workloads[which], options, firstIndex);
      pooled[which].latencies.push(...sampled.latencies);
      pooled[which].errors += sampled.errors;
      pooled[which].seconds += sampled.seconds;
    }
  }
  const total = options.rounds * options.operations;
  return [summarize(a.name, total, pooled[0]), summarize(b.name, total, pooled[1])];
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** Prints results as a table, each with its throughput and p99 as a ratio of the baseline's. */
export function report(title: string, baseline: Result, candidates: readonly Result[]): void {
  recorded.reports.push({ title, baseline, candidates });
  console.log(`\n== ${title}`);
  console.log(
    'name'.padEnd(34),
    'ops'.padStart(7),
    'err'.padStart(5),
    'ops/s'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'x thru'.padStart(8),
    'x p99'.padStart(7),
  );
  for (const r of [baseline, ...candidates]) {
    console.log(
      r.name.padEnd(34),
      String(r.operations).padStart(7),
      String(r.errors).padStart(5),
      fixed(r.throughput).padStart(9),
      fixed(r.p50Ms, 2).padStart(8),
      fixed(r.p99Ms, 2).padStart(8),
      fixed(r.throughput / baseline.throughput, 3).padStart(8),
      fixed(r.p99Ms / baseline.p99Ms, 2).padStart(7),
    );
  }
}

/** A named benchmark the runner can list and start (`npm run bench -- <name>`). */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  main(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Saturation (closed loop, rising concurrency) and the JSON summary per benchmark.

export interface SaturationOptions {
  /** Clients in flight at each step, in order (closed loop: each sends its next request on reply). */
  levels?: readonly number[];
  /** Measured operations at a level with `c` clients: max(minimum, perClient × c). */
  operationsPerClient?: number;
  minimumOperations?: number;
  /** Unmeasured operations before the first level. */
  warmup?: number;
  /** Stop once throughput grew less than this fraction over the best level, twice in a row. */
  minimumGain?: number;
  /** Stop once p99 exceeds this many times the first level's p99. */
  p99Explosion?: number;
}

export interface Saturation {
  readonly name: string;
  readonly levels: ReadonlyArray<Result & { readonly concurrency: number }>;
  /** The level with the highest throughput: the maximum sustainable rate. */
  readonly ceiling: Result & { readonly concurrency: number };
}

/**
 * Finds the ceiling of one or more workloads: runs each closed loop at 1, 2, 4, 8… clients — the
 * workloads one after the other at each level, so that they share the machine's conditions (other
 * load comes and goes) — until every workload's throughput stopped rising (two levels in a row
 * without `minimumGain` over its best) or its p99 exploded. A workload's ceiling is its best
 * level's throughput. `index` keeps counting across levels (unique rows per call).
 */
export async function saturate(
  workloads: readonly Workload[],
  options: SaturationOptions = {},
): Promise<Saturation[]> {
  const levels = options.levels ?? [1, 2, 4, 8, 16, 32, 64];
  const perClient = options.operationsPerClient ?? 25;
  const minimum = options.minimumOperations ?? 200;
  const minimumGain = options.minimumGain ?? 0.05;
  const explosion = options.p99Explosion ?? 20;
  const warmup = options.warmup ?? 20;
  const states = workloads.map((workload) => ({
    workload,
    offset: warmup,
    measured: [] as Array<Result & { concurrency: number }>,
    best: undefined as (Result & { concurrency: number }) | undefined,
    flat: 0,
    done: false,
  }));
  for (const { workload } of states) {
    for (let i = 0; i < warmup; i += 1) await workload.run(i);
  }
  for (const concurrency of levels) {
    const operations = Math.max(minimum, perClient * concurrency);
    for (const state of states.filter((s) => !s.done)) {
      const base = state.offset;
      const result = await measure(
        { name: state.workload.name, run: (index) => state.workload.run(base + index) },
        { operations, concurrency },
      );
      state.offset += operations;
      const level = { ...result, name: `${state.workload.name} ×${concurrency}`, concurrency };
      state.measured.push(level);
      console.log(
        `[bench]   ${level.name.padEnd(40)} ${fixed(level.throughput).padStart(8)}/s  p50 ${fixed(level.p50Ms, 1)} ms  p99 ${fixed(level.p99Ms, 1)} ms  err ${level.errors}`,
      );
      if (!state.best || level.throughput > state.best.throughput * (1 + minimumGain)) {
        state.best = level;
        state.flat = 0;
      } else {
        if (level.throughput > state.best.throughput) state.best = level;
        state.flat += 1;
      }
      const first = state.measured[0];
      if (state.flat >= 2 || (first && level.p99Ms > explosion * first.p99Ms)) state.done = true;
    }
    if (states.every((s) => s.done)) break;
  }
  return states.map((state) => {
    if (!state.best) throw new Error('saturate: no levels');
    return { name: state.workload.name, levels: state.measured, ceiling: state.best };
  });
}

interface RecordedReport {
  readonly title: string;
  readonly baseline: Result;
  readonly candidates: readonly Result[];
}

const recorded: { reports: RecordedReport[]; figures: Record<string, number | string> } = {
  reports: [],
  figures: {},
};

/** A named figure for the benchmark's JSON summary (a ceiling, a ratio, a memory size). */
export function recordFigure(key: string, value: number | string): void {
  recorded.figures[key] = value;
  console.log(`[bench] figure ${key} = ${typeof value === 'number' ? fixed(value, 3) : value}`);
}

/** What `report` printed and `recordFigure` noted since the last call; clears it. */
export function takeRecorded(): {
  reports: RecordedReport[];
  figures: Record<string, number | string>;
} {
  const taken = { reports: [...recorded.reports], figures: { ...recorded.figures } };
  recorded.reports.length = 0;
  for (const key of Object.keys(recorded.figures)) delete recorded.figures[key];
  return taken;
}
