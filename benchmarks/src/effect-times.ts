import type { Client as TemporalClient } from '@temporalio/client';
import { Client, type Pool } from 'pg';
import { fromLatencies, type Result } from './harness';

/**
 * When an officer's action took effect, read from the data the effect left (a workflow's start,
 * a row's time) after the load: watching adds no load, unlike polling the screens' APIs (at eight
 * officers, polling a path every 50 ms put 480 workflow queries a second on the worker).
 */

/**
 * Milliseconds since the epoch, per id, from one query (`id`, `ms` columns): on a pool the caller
 * keeps (to ask again and again), or on a connection of its own to the URL.
 */
export async function timesFromDatabase(
  db: string | Pool,
  sql: string,
  ids: string[],
): Promise<Map<string, number>> {
  const toTimes = ({ rows }: { rows: { id: string; ms: number }[] }) =>
    new Map(rows.map((row) => [row.id, Number(row.ms)]));
  if (typeof db !== 'string') return toTimes(await db.query(sql, [ids]));
  const client = new Client({ connectionString: db });
  await client.connect();
  try {
    return toTimes(await client.query(sql, [ids]));
  } finally {
    await client.end();
  }
}

/**
 * When each id's workflow started (describe, 16 at a time), keyed by the id given; `workflowIdOf`
 * names its workflow (the id itself by default). Ids whose workflow was not found are left out.
 */
export async function startTimes(
  client: TemporalClient,
  ids: string[],
  workflowIdOf: (id: string) => string = (id) => id,
): Promise<Map<string, number>> {
  const started = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 16) {
    await Promise.all(
      ids.slice(i, i + 16).map(async (id) => {
        const description = await client.workflow
          .getHandle(workflowIdOf(id))
          .describe()
          .catch(() => undefined);
        if (description) started.set(id, description.startTime.getTime());
      }),
    );
  }
  return started;
}

/**
 * Effect time minus the action's send time, per item; items without the effect (or never sent)
 * count as errors of the result.
 */
export function effectResult(
  name: string,
  sentAt: Map<string, number>,
  effects: Map<string, number>,
  seconds: number,
): Result {
  const latencies: number[] = [];
  let missing = 0;
  for (const [id, sent] of sentAt) {
    const at = effects.get(id);
    if (at === undefined) missing += 1;
    else latencies.push(Math.max(0, at - sent));
  }
  return fromLatencies(name, latencies, seconds, missing);
}
