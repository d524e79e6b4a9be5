import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's one metrics registry: the platform's mechanisms (HTTP, outbox, inbox, dead
 * letters, consumer lag) and a service's own series register here; `GET /metrics` reads it. Label
 * values are route templates, topics, groups and reason codes — never ids or personal data.
 */
export const metricsRegistry = new Registry();

let processMetrics = false;

/** Node's process series (CPU, memory, event-loop lag, GC), once per process. */
export function enableProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** A counter, created on first use (several apps in one test process share it). */
export function counterOf<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  return (
    (metricsRegistry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames, registers: [metricsRegistry] })
  );
}

/** A histogram, created on first use. */
export function histogramOf<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets?: number[],
): Histogram<L> {
  return (
    (metricsRegistry.getSingleMetric(name) as Histogram<L> | undefined) ??
    new Histogram({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      ...(buckets ? { buckets } : {}),
    })
  );
}

export type Sample<L extends string> = {
  labels: Partial<Record<L, string | number>>;
  value: number;
};
export type SampleSource<L extends string> = () => Promise<Sample<L>[]>;

const sources = new Map<string, Set<SampleSource<string>>>();

/**
 * A gauge read when scraped (outbox depth, consumer lag): each source (one per app using it)
 * answers its samples; a failing source is skipped, so one unreachable dependency never empties
 * the whole page. Returns the function that removes the source (at shutdown).
 */
export function scrapedGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  source: SampleSource<L>,
): () => void {
  let own = sources.get(name);
  if (!own) {
    const registered = new Set<SampleSource<string>>();
    own = registered;
    sources.set(name, registered);
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        const answers = await Promise.allSettled([...registered].map((read) => read()));
        for (const answer of answers) {
          if (answer.status !== 'fulfilled') continue;
          for (const sample of answer.value) this.set(sample.labels as never, sample.value);
        }
      },
    });
  }
  const set = own;
  set.add(source as SampleSource<string>);
  return () => set.delete(source as SampleSource<string>);
}

const texts = new Set<() => Promise<string>>();

/**
 * A page of Prometheus text another component of the process serves (the Temporal SDK's core),
 * appended to GET /metrics so each process is one scrape target. Returns the remover.
 */
export function registerMetricsText(read: () => Promise<string>): () => void {
  texts.add(read);
  return () => texts.delete(read);
}

/** Every series of the process: the registry's, then the registered pages (failures skipped). */
export async function metricsPage(): Promise<string> {
  const extra = await Promise.allSettled([...texts].map((read) => read()));
  return [
    await metricsRegistry.metrics(),
    ...extra.flatMap((page) => (page.status === 'fulfilled' && page.value ? [page.value] : [])),
  ].join('\n');
}
