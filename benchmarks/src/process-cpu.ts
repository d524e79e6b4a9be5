import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from './harness';

/** Linux reports /proc CPU times in USER_HZ ticks, 100 a second on every architecture we run. */
const MS_PER_TICK = 10;

/**
 * `BENCH_CPU_PROF=<dir>`: the environment that has a service started by a benchmark write a V8 CPU
 * profile of itself there when it stops (benchmarks/cpu-profile.cjs); empty when unset.
 */
export function cpuProfileEnv(workspaceRoot: string): Record<string, string> {
  const dir = process.env['BENCH_CPU_PROF'];
  return dir
    ? {
        NODE_OPTIONS: `--require ${join(workspaceRoot, 'benchmarks/cpu-profile.cjs')}`,
        CPU_PROFILE_DIR: dir,
      }
    : {};
}

/** Names a process's group (`undefined`: counted as "other"), from its pid and command line. */
export type ProcessGroups = (pid: number, commandLine: string) => string | undefined;

/**
 * The stack's own processes by their command line: PostgreSQL's backends, the Kafka broker, the
 * Temporal dev server and this benchmark; `services` names the pids of services it started.
 */
export function stackGroups(services: Record<string, number | undefined>): ProcessGroups {
  const byPid = new Map(Object.entries(services).map(([name, pid]) => [pid, name]));
  return (pid, commandLine) => {
    const service = byPid.get(pid);
    if (service) return service;
    if (pid === process.pid) return 'benchmark client';
    if (/^postgres[: ]|\/bin\/postgres /.test(commandLine)) return 'PostgreSQL';
    if (commandLine.includes('kafka.Kafka')) return 'Kafka';
    if (/\btemporal\b.*server start-dev/.test(commandLine)) return 'Temporal';
    return undefined;
  };
}

/** Cumulative CPU time (user + system, ms) and group of every process by pid; empty without /proc. */
function cpuByProcess(groups: ProcessGroups): Map<number, { group: string; ms: number }> {
  const processes = new Map<number, { group: string; ms: number }>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return processes;
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const pid = Number(entry);
      processes.set(pid, { group: groups(pid, commandLine) ?? 'other', ms: ticks * MS_PER_TICK });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return processes;
}

export interface CpuSplit {
  readonly result: Result;
  /** CPU milliseconds per operation, by group, largest first (the whole machine's, not only ours). */
  readonly msPerOperation: ReadonlyArray<readonly [group: string, ms: number]>;
}

/**
 * Runs a measurement and splits the machine's CPU meanwhile per operation and process group: the
 * profile that says which process (service, database, broker, client) is the limit. A process
 * that ends inside the run is not counted; the stack's are long-lived.
 */
export async function cpuSplitOf(
  run: () => Promise<Result>,
  groups: ProcessGroups,
): Promise<CpuSplit> {
  const before = cpuByProcess(groups);
  const result = await run();
  const after = cpuByProcess(groups);
  const operations = result.operations - result.errors;
  // Per process, so that one ending meanwhile (an autovacuum worker) takes nothing off its group;
  // one that started meanwhile counts whole.
  const byGroup = new Map<string, number>();
  for (const [pid, { group, ms }] of after) {
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms - (before.get(pid)?.ms ?? 0));
  }
  const msPerOperation = [...byGroup]
    .map(([group, ms]) => [group, ms / operations] as const)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]);
  return { result, msPerOperation };
}

/** One line per workload: "name: total ms CPU per operation — group a, group b, …". */
export function printCpuSplit(title: string, splits: readonly CpuSplit[]): void {
  console.log(`\n== ${title}`);
  for (const { result, msPerOperation } of splits) {
    const total = msPerOperation.reduce((sum, [, ms]) => sum + ms, 0);
    const parts = msPerOperation.map(([group, ms]) => `${group} ${ms.toFixed(2)}`).join(', ');
    console.log(
      `${result.name.padEnd(40)} ${result.throughput.toFixed(1).padStart(8)}/s  ${total.toFixed(2)} ms CPU per operation: ${parts}`,
    );
  }
}
