import { deepStrictEqual } from 'node:assert/strict';
import type { Client as TemporalClient } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  openReferralsQuery,
  referralWorkflowId,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import { eventually } from './eventually';
import type { LoadPerson } from './registration-load';

/** Where the suite's stack is: a database's URL by name, and a Temporal client for a while. */
export interface LoadStack {
  databaseUrl(database: string): string;
  temporal<T>(use: (client: TemporalClient) => Promise<T>): Promise<T>;
}

/** Where each accepted request leaves exactly one row: database, table, column, the person's id. */
const ONCE_EACH: [string, string, string, (person: Required<LoadPerson>) => string][] = [
  ['intake', 'returnees', 'dui', (p) => p.dui],
  ['intake', 'referrals', 'case_id', (p) => p.caseId],
  ['employment_matching', 'referrals', 'id', (p) => p.referralId],
  ['supervisor', 'cases', 'case_id', (p) => p.caseId],
  ['supervisor', 'referrals', 'referral_id', (p) => p.referralId],
];

/** One query on one of the stack's databases, on a connection of its own. */
async function queryRows<T extends object>(
  stack: LoadStack,
  database: string,
  sql: string,
  values: unknown[],
): Promise<T[]> {
  const client = new Client({ connectionString: stack.databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Each id once in a table: none missing, none twice. */
async function expectOnceEach(
  stack: LoadStack,
  database: string,
  table: string,
  column: string,
  ids: string[],
) {
  const rows = await queryRows<{ id: string; n: number }>(
    stack,
    database,
    `SELECT ${column}::text AS id, count(*)::int AS n FROM ${table} WHERE ${column}::text = ANY($1) GROUP BY 1`,
    [ids],
  );
  const found = new Set(rows.map((row) => row.id));
  deepStrictEqual(
    {
      table: `${database}.${table}`,
      missing: ids.filter((id) => !found.has(id)),
      twice: rows.filter((row) => row.n > 1),
    },
    { table: `${database}.${table}`, missing: [], twice: [] },
  );
}

/**
 * After a registration load (runRegistrationLoad) that parts of the stack were killed under: waits
 * until every accepted request has had exactly one effect — one person, one path, one referral
 * child in it, one employment referral, one read-model row each — and fails with what is missing
 * or twice when `timeoutMs` ends first. (node:assert, not jest's expect: this library is not
 * compiled with jest's globals.)
 */
export async function expectEachRequestDoneOnce(
  stack: LoadStack,
  people: LoadPerson[],
  timeoutMs: number,
): Promise<void> {
  const all = people as Required<LoadPerson>[];
  await eventually(
    async () => {
      for (const [database, table, column, idOf] of ONCE_EACH)
        await expectOnceEach(stack, database, table, column, all.map(idOf));
      // One running path per person and one referral child per referral (ids are per case and
      // per referral, so a second start would have been refused), and each path holds its own
      // referral (a sample: a query replays the path).
      await stack.temporal(async (client) => {
        // Each that is not running, named: `<workflow id> <status>` (NOT_FOUND: never started).
        const status = (id: string) =>
          client.workflow
            .getHandle(id)
            .describe()
            .then(
              (d) => `${id} ${d.status.name}`,
              () => `${id} NOT_FOUND`,
            );
        for (let i = 0; i < all.length; i += 50) {
          const statuses = await Promise.all(
            all
              .slice(i, i + 50)
              .flatMap(({ caseId, referralId }) => [
                status(reintegrationPathWorkflowId(caseId)),
                status(referralWorkflowId(referralId)),
              ]),
          );
          deepStrictEqual(
            statuses.filter((s) => !s.endsWith(' RUNNING')),
            [],
          );
        }
        for (const { caseId, referralId } of all.slice(0, 25)) {
          const open = await client.workflow
            .getHandle(reintegrationPathWorkflowId(caseId))
            .query(openReferralsQuery);
          deepStrictEqual(
            open.filter((referral) => referral.referralId === referralId).length,
            1,
            `${reintegrationPathWorkflowId(caseId)} holds ${referralId} once`,
          );
        }
      });
    },
    { timeoutMs, intervalMs: 3_000 },
  );
}

/** The stack's dead-letter topics and how many letters were ever written to them. */
export async function countDeadLetters(
  kafka: Kafka,
): Promise<{ topics: string[]; written: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.endsWith('.dlq'));
  let written = 0;
  for (const topic of topics)
    for (const partition of await admin.fetchTopicOffsets(topic)) written += Number(partition.high);
  await admin.disconnect();
  return { topics, written };
}

/**
 * Each letter's topic, consumer and reason (`written` of them, or what a minute brought), so a
 * failure says what was set aside and why.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topics: string[],
  written: number,
  groupId: string,
): Promise<string[]> {
  const letters: string[] = [];
  const reader = kafka.consumer({ groupId });
  await reader.connect();
  await reader.subscribe({ topics, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ topic, message }) => {
      const header = (name: string) => message.headers?.[name]?.toString() ?? '';
      letters.push(
        `${topic} ${header('dlq-consumer')} ${header('dlq-reason')}: ${header('dlq-detail')}`,
      );
    },
  });
  await eventually(
    async () => {
      if (letters.length < written) throw new Error(`${letters.length} of ${written} letters read`);
    },
    { timeoutMs: 60_000 },
  ).catch(() => undefined);
  await reader.disconnect();
  return letters;
}

/**
 * Where the referrals that never reached employment matching stopped, for a failure message:
 * intake's outbox row (published or not), employment matching's inbox row for that event (taken
 * or not), and the employment-matching group's committed offset against the end of each
 * partition of the referrals topic (a gap: not consumed yet; none: consumed past it).
 */
export async function traceMissingReferrals(
  stack: LoadStack,
  kafka: Kafka,
  referralIds: string[],
): Promise<string[]> {
  const rows = <T extends object>(database: string, sql: string, values: unknown[]) =>
    queryRows<T>(stack, database, sql, values);
  const present = new Set(
    (
      await rows<{ id: string }>(
        'employment_matching',
        'SELECT id::text FROM referrals WHERE id::text = ANY($1)',
        [referralIds],
      )
    ).map((row) => row.id),
  );
  const missing = referralIds.filter((id) => !present.has(id));
  if (missing.length === 0) return [];
  const sent = await rows<{ referral: string; event: string; published: string | null }>(
    'intake',
    `SELECT payload->'data'->>'referralId' AS referral, event_id::text AS event, published_at::text AS published
       FROM outbox_messages WHERE payload->>'type' LIKE '%referral.requested%' AND payload->'data'->>'referralId' = ANY($1)`,
    [missing],
  );
  const taken = await rows<{ event: string; at: string }>(
    'employment_matching',
    `SELECT event_id::text AS event, topic || '/' || partition || '@' || "offset" AS at
       FROM inbox_messages WHERE event_id::text = ANY($1)`,
    [sent.map((row) => row.event)],
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = 'reintegra.intake.referrals';
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({
      groupId: 'employment-matching',
      topics: [topic],
    });
    return [
      ...missing.map((id) => {
        const event = sent.find((row) => row.referral === id);
        const inbox = taken.find((row) => row.event === event?.event);
        return `${id}: outbox ${event ? (event.published ? `published ${event.published}` : 'NOT published') : 'no row'}, employment inbox ${inbox ? inbox.at : 'none'}`;
      }),
      `${topic} employment-matching committed/end: ` +
        ends
          .map(({ partition, offset }) => {
            const at = committed?.partitions.find((p) => p.partition === partition)?.offset;
            return `${partition}:${at}/${offset}`;
          })
          .join(' '),
    ];
  } finally {
    await admin.disconnect();
  }
}
