import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { Pool } from 'pg';
import { eventually, findWorkspaceRoot, testAuthEnvironment, testToken } from '@reintegra/testing';
import { type Benchmark, measure, report } from './harness';

/**
 * Community inclusion against the built service as its own process (real HTTP, token checks,
 * PostgreSQL, outbox):
 * 1. a 40-person attendance sheet (POST /sessions/:id/attendance, marks upserted, participation
 *    milestones evaluated) vs a bare 40-row INSERT of the same marks through one connection;
 * 2. sustained participation of one activity over 50,000 attendance rows (625 people × 80
 *    sessions; GET /activities/:id/participation: the one SQL aggregate with streaks and
 *    drop-offs, the rule and the JSON) vs a plain attended/held aggregate query on the same rows.
 * Options (env): CI_BENCH_SHEETS (100), CI_BENCH_QUERIES (50), CI_BENCH_PORT (3198),
 * CI_BENCH_DATABASE (community_inclusion_test).
 */
const option = (name: string, fallback: number) =>
  Number(process.env[`CI_BENCH_${name}`] ?? fallback);
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const pgHost = process.env['PG_HOST'] ?? '127.0.0.1';
const pgPort = process.env['PG_PORT'] ?? '55432';
const kafkaBrokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:59092';
const dbUrl = (database: string, role: 'app' | 'migrator') =>
  `postgres://community_inclusion_${role}:community_inclusion_${role}_pw@${pgHost}:${pgPort}/${database}`;

function runNode(script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

async function benchIdentity(): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const header = { alg: 'ES256', use: 'sig', kid: `bench-${Date.now().toString(36)}` };
  process.env['AUTH_JWKS'] = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), ...header }],
  });
  process.env['TEST_AUTH_PRIVATE_JWK'] = JSON.stringify({
    ...(await exportJWK(privateKey)),
    ...header,
  });
  return testAuthEnvironment();
}

const PLAIN_AGGREGATE = `
  SELECT m.id, count(s.id)::int AS held, (count(*) FILTER (WHERE a.present))::int AS attended
    FROM memberships m
    JOIN sessions s ON s.activity_id = m.activity_id AND s.held_on > current_date - 56 AND s.held_on <= current_date
    LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = m.participant_id
   WHERE m.activity_id = $1
   GROUP BY m.id`;

async function main(): Promise<void> {
  const sheets = option('SHEETS', 100);
  const queries = option('QUERIES', 50);
  const port = option('PORT', 3198);
  const database = process.env['CI_BENCH_DATABASE'] ?? 'community_inclusion_test';
  const dist = join(findWorkspaceRoot(), 'dist/apps/community-inclusion');
  if (!existsSync(join(dist, 'main.js')))
    throw new Error('Build the service first: npx nx run community-inclusion:build');
  await runNode(join(dist, 'migrate.js'), {
    NODE_ENV: 'test',
    DATABASE_MIGRATION_URL: dbUrl(database, 'migrator'),
  });
  const identity = await benchIdentity();
  const service: ChildProcess = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      ...process.env,
      ...identity,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      HTTP_PORT: String(port),
      DATABASE_URL: dbUrl(database, 'app'),
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_CONSUMER_GROUP: 'community-inclusion-bench',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.once('exit', () => service.kill('SIGTERM'));
  const url = `http://127.0.0.1:${port}`;
  const db = new Pool({ connectionString: dbUrl(database, 'app'), max: 2 });
  db.on('error', (error) => console.error(`[bench] database connection lost: ${error.message}`));
  try {
    await eventually(
      async () => {
        if (service.exitCode !== null) throw new Error(`service exited ${service.exitCode}`);
        if ((await fetch(`${url}/health`)).status !== 200) throw new Error('not healthy');
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const token = await testToken({
      roles: ['community-facilitator'],
      municipalityCode: MUNICIPALITY,
      organisationId: 'bench',
    });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: token },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const day = (offset: number) =>
      new Date(Date.now() - 6 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

    // 1. A 40-person sheet per session.
    const activity = await call('POST', '/activities', {
      providerId: 'bench',
      kind: 'sport',
      title: 'Bench',
      municipalityCode: MUNICIPALITY,
      publicSpace: 'Cancha',
      schedule: 'sábados',
      startsOn: day(-30),
      capacity: 40,
    });
    const activityId = activity['id'] as string;
    const people: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const person = await call('POST', '/participants', {
        origin: 'resident',
        displayName: `P${i}`,
        municipalityCode: MUNICIPALITY,
        consent: { formVersion: 'bench', purposes: ['participation'] },
      });
      await call('POST', `/activities/${activityId}/participants`, {
        participantId: person['id'],
        joinedOn: day(-30),
      });
      people.push(person['id'] as string);
    }
    const sessionIds: string[] = [];
    for (let i = 0; i < sheets + 5; i += 1)
      sessionIds.push(
        (await call('POST', `/activities/${activityId}/sessions`, { heldOn: day(-(i % 28)) }))[
          'id'
        ] as string,
      );
    const marks = () =>
      people.map((participantId, i) => ({
        markId: randomUUID(),
        participantId,
        present: i % 5 !== 0,
      }));
    // The baseline writes the same rows into sessions of its own, without the service around it.
    const { rows: bareSessions } = (await db.query(
      `INSERT INTO sessions (id, activity_id, held_on, created_by)
       SELECT gen_random_uuid(), $1, current_date - 1, 'bench' FROM generate_series(1, $2::int) RETURNING id`,
      [activityId, sheets + 5],
    )) as { rows: { id: string }[] };
    const bareInsert = {
      name: 'bare INSERT of 40 marks (pg)',
      run: async (index: number) => {
        const rows = marks();
        await db.query(
          `INSERT INTO attendance (session_id, participant_id, mark_id, present, marked_at, recorded_by)
           SELECT $1, m.participant_id, m.mark_id, m.present, now(), 'bench'
             FROM jsonb_to_recordset($2::jsonb) AS m(participant_id uuid, mark_id uuid, present boolean)`,
          [
            bareSessions[index].id,
            JSON.stringify(
              rows.map((r) => ({
                participant_id: r.participantId,
                mark_id: r.markId,
                present: r.present,
              })),
            ),
          ],
        );
      },
    };
    const sheet = {
      name: 'POST 40-person attendance sheet',
      run: async (index: number) => {
        await call('POST', `/sessions/${sessionIds[index]}/attendance`, { marks: marks() });
      },
    };
    const baseline = await measure(bareInsert, { operations: sheets, concurrency: 1, warmup: 5 });
    const candidate = await measure(sheet, { operations: sheets, concurrency: 1, warmup: 5 });
    report('community-inclusion: 40-person attendance sheet (sequential, one device)', baseline, [
      candidate,
    ]);

    // 2. Sustained participation over 50,000 attendance rows (625 people × 80 daily sessions).
    const big = await call('POST', '/activities', {
      providerId: 'bench',
      kind: 'culture',
      title: 'Bench 50k',
      municipalityCode: MUNICIPALITY,
      publicSpace: 'Casa de la cultura',
      schedule: 'diario',
      startsOn: day(-100),
      capacity: 1000,
    });
    const bigId = big['id'] as string;
    await db.query(
      `WITH p AS (
         INSERT INTO participants (id, origin, display_name, municipality_code)
         SELECT gen_random_uuid(), 'resident', 'P' || g, $2 FROM generate_series(1, 625) g RETURNING id)
       INSERT INTO memberships (id, activity_id, participant_id, joined_on, status)
       SELECT gen_random_uuid(), $1, p.id, current_date - 100, 'active' FROM p`,
      [bigId, MUNICIPALITY],
    );
    await db.query(
      `INSERT INTO sessions (id, activity_id, held_on, created_by)
       SELECT gen_random_uuid(), $1, current_date - g, 'bench' FROM generate_series(1, 80) g`,
      [bigId],
    );
    await db.query(
      `INSERT INTO attendance (session_id, participant_id, mark_id, present, marked_at, recorded_by)
       SELECT s.id, m.participant_id, gen_random_uuid(), random() < 0.8, now(), 'bench'
         FROM sessions s JOIN memberships m ON m.activity_id = s.activity_id WHERE s.activity_id = $1`,
      [bigId],
    );
    await db.query(`ANALYZE`);
    const plain = {
      name: 'plain aggregate (pg, 625 rows)',
      run: async () => {
        await db.query(PLAIN_AGGREGATE, [bigId]);
      },
    };
    const participation = {
      name: 'GET participation (aggregate+streaks)',
      run: async () => {
        const body = await call('GET', `/activities/${bigId}/participation`);
        if (body['participants'] !== 625)
          throw new Error(`participants ${String(body['participants'])}`);
      },
    };
    const plainResult = await measure(plain, { operations: queries, concurrency: 1, warmup: 3 });
    const participationResult = await measure(participation, {
      operations: queries,
      concurrency: 1,
      warmup: 3,
    });
    report(
      'community-inclusion: sustained participation over 50,000 attendance rows',
      plainResult,
      [participationResult],
    );
  } finally {
    await db.end();
    service.kill('SIGTERM');
  }
}

export const communityInclusionBenchmark: Benchmark = {
  name: 'community-inclusion',
  description:
    '40-person attendance sheet p99; sustained participation over 50,000 attendance rows vs a plain aggregate',
  main,
};
