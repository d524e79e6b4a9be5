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

/** Runs a workload with bounded concurrency (and an optional fixed rate); latency per operation. */
export async function measure(workload: Workload, options: LoadOptions): Promise<Result> {
  const warmup = options.warmup ?? 0;
  for (let i = 0; i < warmup; i += 1) await workload.run(i);
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
        await workload.run(warmup + index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        if (errors === 1)
          console.error(`[bench] ${workload.name}: first error: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    name: workload.name,
    operations: options.operations,
    errors,
    seconds,
    throughput: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** Prints results as a table, each with its throughput and p99 as a ratio of the baseline's. */
export function report(title: string, baseline: Result, candidates: readonly Result[]): void {
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
