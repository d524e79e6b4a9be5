import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { ASSESSMENT_ANSWERS_2026_11 } from '@reintegra/demo-data';
import {
  eventually,
  findWorkspaceRoot,
  runToCompletion,
  ServiceProcess,
  testIdentityEnvironment,
  testToken,
} from '@reintegra/testing';

/**
 * The capacity model's measurements (docs/capacity.md): what one registration and one open path
 * cost in Temporal history events and bytes, database rows and bytes per service, and Kafka
 * messages. Runs intake, the orchestrator (bridge + worker) and employment matching as built
 * processes on a stack of its own (own ports and state dir, so no other suite's traffic enters
 * the counts), in two cohorts: CAPACITY_CASES registrations only, then as many cases taken to
 * an accepted employment referral (consent, assessment, plan, approval, acceptance). Prints a JSON
 * report and writes it to artifacts/capacity/report.json. Needs the builds:
 *   npx nx run-many -t build -p intake employment-matching && npx nx run orchestrator:bundle-workflows
 *   npm run capacity            (CAPACITY_CASES=200 by default; stack ports: CAPACITY_PORT_BASE)
 */
const root = findWorkspaceRoot();
const CASES = Number(process.env['CAPACITY_CASES'] ?? 200);
const CONCURRENCY = Number(process.env['CAPACITY_CONCURRENCY'] ?? 8);
const base = Number(process.env['CAPACITY_PORT_BASE'] ?? 55742 - 55000);
const ports = {
  PG_PORT: String(55000 + base),
  KAFKA_PORT: String(59000 + base),
  KAFKA_CONTROLLER_PORT: String(59001 + base),
  TEMPORAL_PORT: String(57000 + base),
  TEMPORAL_UI_PORT: String(58000 + base),
  SMTP_PORT: String(51000 + base),
  PROMETHEUS_PORT: String(59100 + base),
};
const stackDir = process.env['CAPACITY_STACK_DIR'] ?? '/tmp/reintegra-capacity/stack';
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const PROVIDER = 'oficina-empleo-la-paz-este';
const SERVICES = [
  { app: 'intake', database: 'intake', port: 3601 },
  { app: 'orchestrator', database: 'orchestrator', port: 3602 },
  { app: 'employment-matching', database: 'employment_matching', port: 3603 },
] as const;

const stack = (command: string) =>
  execFileSync('bash', ['infra/stack.sh', command], {
    cwd: root,
    env: { ...process.env, ...ports, REINTEGRA_STACK_DIR: stackDir },
    stdio: 'inherit',
  });

const dbUrl = (database: string, role: 'app' | 'migrator') =>
  `postgres://${database}_${role}:${database}_${role}_pw@127.0.0.1:${ports.PG_PORT}/${database}`;

interface TableFigures {
  rows: number;
  tupleBytes: number;
  totalBytes: number;
}
type DbSnapshot = Record<string, Record<string, TableFigures>>;

/** Rows, bytes of the rows themselves, and bytes on disk (with indexes and TOAST) per table. */
async function databases(): Promise<DbSnapshot> {
  const snapshot: DbSnapshot = {};
  for (const { database } of SERVICES) {
    const client = new PgClient({ connectionString: dbUrl(database, 'migrator') });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
      );
      snapshot[database] = {};
      for (const { name } of tables.rows) {
        const { rows } = await client.query<{ rows: string; tuple: string; total: string }>(
          `SELECT count(*) AS rows, coalesce(sum(pg_column_size(t.*)), 0) AS tuple,
                  pg_total_relation_size($1::regclass) AS total FROM "${name}" t`,
          [name],
        );
        const row = rows[0];
        if (row) {
          snapshot[database][name] = {
            rows: Number(row.rows),
            tupleBytes: Number(row.tuple),
            totalBytes: Number(row.total),
          };
        }
      }
    } finally {
      await client.end();
    }
  }
  return snapshot;
}

/** Messages on every topic (sum of the partitions' high-water marks). */
async function kafkaMessages(kafka: Kafka): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('reintegra.'));
    const counts: Record<string, number> = {};
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      counts[topic] = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

interface HistoryFigures {
  events: number;
  bytes: number;
  types: Record<string, number>;
}

/** A workflow's history: events (fetchHistory), their encoded size, and the events by type. */
async function history(client: Client, workflowId: string): Promise<HistoryFigures> {
  const fetched = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = fetched.events ?? [];
  const types: Record<string, number> = {};
  for (const event of events) {
    const type = String(temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? event.eventType);
    types[type] = (types[type] ?? 0) + 1;
  }
  return {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(
      temporal.api.history.v1.History.fromObject(fetched as Record<string, unknown>),
    ).finish().length,
    types,
  };
}

async function pool<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

type Call = (
  url: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; etag: string | null; body: Record<string, unknown> }>;

const call: Call = async (url, method, path, token, body, headers = {}) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: token, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
};

function ok<T extends { status: number; body: unknown }>(reply: T, what: string): T {
  if (reply.status >= 300)
    throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

function delta(after: DbSnapshot, before: DbSnapshot, cases: number) {
  const perService: Record<string, { rows: number; tupleBytes: number; totalBytes: number }> = {};
  const tables: Record<string, number> = {};
  for (const [database, figures] of Object.entries(after)) {
    const sum = { rows: 0, tupleBytes: 0, totalBytes: 0 };
    for (const [table, now] of Object.entries(figures)) {
      const was = before[database]?.[table] ?? { rows: 0, tupleBytes: 0, totalBytes: 0 };
      sum.rows += now.rows - was.rows;
      sum.tupleBytes += now.tupleBytes - was.tupleBytes;
      sum.totalBytes += now.totalBytes - was.totalBytes;
      if (now.rows !== was.rows) tables[`${database}.${table}`] = (now.rows - was.rows) / cases;
    }
    perService[database] = {
      rows: sum.rows / cases,
      tupleBytes: Math.round(sum.tupleBytes / cases),
      totalBytes: Math.round(sum.totalBytes / cases),
    };
  }
  return { perService, rowsPerCaseByTable: tables };
}

function kafkaDelta(after: Record<string, number>, before: Record<string, number>, cases: number) {
  const perTopic: Record<string, number> = {};
  let total = 0;
  for (const [topic, count] of Object.entries(after)) {
    const d = count - (before[topic] ?? 0);
    if (d) perTopic[topic] = d / cases;
    total += d;
  }
  return { total: total / cases, perTopic };
}

/** Waits until the stack is quiet: no new Kafka messages and no new history events for 5 s. */
async function settle(kafka: Kafka, probe: () => Promise<number>): Promise<void> {
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const now = JSON.stringify([await kafkaMessages(kafka), await probe()]);
    if (now !== last) [last, stableSince] = [now, Date.now()];
    if (Date.now() - stableSince > 5_000) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function main(): Promise<void> {
  mkdirSync(join(stackDir, '..'), { recursive: true, mode: 0o755 });
  stack('start');
  Object.assign(process.env, await testIdentityEnvironment());
  const auth = {
    AUTH_ISSUER: 'reintegra-test-identity',
    AUTH_AUDIENCE: 'reintegra',
    AUTH_JWKS: process.env['AUTH_JWKS'] ?? '',
  };
  const engines = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: `127.0.0.1:${ports.KAFKA_PORT}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.TEMPORAL_PORT}`,
    TEMPORAL_NAMESPACE: 'reintegra',
    OUTBOX_POLL_INTERVAL_MS: '100',
    // A busy machine answers Temporal late: retry rather than dead-letter (dead letters are counted).
    CONSUMER_MAX_ATTEMPTS: '20',
    VICTIM_SUPPORT_HOLD_MAX_MS: '2000',
    ...auth,
  };
  const directoryToken = await testToken({ roles: ['national-supervisor'] });
  const processes: ServiceProcess[] = [];
  for (const service of SERVICES) {
    const env = {
      ...engines,
      DATABASE_URL: dbUrl(service.database, 'app'),
      DATABASE_MIGRATION_URL: dbUrl(service.database, 'migrator'),
      INTAKE_KEK_FILE: join(stackDir, 'secrets/intake-kek.b64'),
      DIRECTORY_URL: 'http://127.0.0.1:3609',
      DIRECTORY_ACCESS_TOKEN: directoryToken.replace('Bearer ', ''),
    };
    await runToCompletion(service.app, 'migrate', env);
    processes.push(new ServiceProcess(service.app, service.port, env));
  }
  const connection = await Connection.connect({ address: engines.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: 'reintegra' });
  const kafka = new Kafka({
    brokers: [engines.KAFKA_BROKERS],
    clientId: 'capacity',
    logLevel: logLevel.NOTHING,
  });
  const workflowIds: string[] = [];
  const historyTotal = async () => {
    let events = 0;
    for (const id of workflowIds) {
      const described = await client.workflow
        .getHandle(id)
        .describe()
        .catch(() => undefined); // a child the path has not started yet
      events += described?.historyLength ?? 0;
    }
    return events;
  };
  try {
    // One at a time: on a busy machine three cold starts at once outlast the health wait.
    for (const service of processes) await service.start();
    const [intake, , employment] = processes.map((p) => p.url) as [string, string, string];
    const officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
    const supervisor = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: MUNICIPALITY,
      organisationId: PROVIDER,
    });
    const register = async (index: number, cohort: string) => {
      const reply = ok(
        await call(intake, 'POST', '/returnees', officer, {
          firstNames: `Capacidad ${cohort} ${index}`,
          lastNames: 'Medición Prueba',
          dateOfBirth: '1990-03-01',
          gender: 'undisclosed',
          returnDate: '2026-11-20',
          countryReturnedFrom: 'US',
          receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
          municipalityCode: MUNICIPALITY,
          confirmedNewPerson: true,
        }),
        'registration',
      );
      const caseId = String(reply.body['caseId']);
      workflowIds.push(`reintegration-path/${caseId}`);
      return caseId;
    };
    const waitForPaths = (ids: readonly string[]) =>
      eventually(
        async () => {
          for (const id of ids) await client.workflow.getHandle(id).describe();
        },
        { timeoutMs: 180_000, intervalMs: 1_000 },
      );

    // Cohort 1: registrations only.
    const before = { db: await databases(), kafka: await kafkaMessages(kafka) };
    const registered: string[] = [];
    await pool([...Array(CASES).keys()], async (i) => void registered.push(await register(i, 'r')));
    await waitForPaths(registered.map((id) => `reintegration-path/${id}`)).catch(() => undefined);
    await settle(kafka, historyTotal);
    const afterRegistration = { db: await databases(), kafka: await kafkaMessages(kafka) };
    const registrationHistories = (
      await Promise.all(
        registered
          .slice(0, 20)
          .map((id) => history(client, `reintegration-path/${id}`).catch(() => undefined)),
      )
    ).filter((h): h is HistoryFigures => h !== undefined);

    // Cohort 2: each case taken to an accepted employment referral.
    const referred: { caseId: string; referralId: string }[] = [];
    await pool([...Array(CASES).keys()], async (i) => {
      const caseId = await register(i, 'p');
      ok(
        await call(intake, 'POST', `/cases/${caseId}/consents`, officer, {
          purpose: 'service-referral',
          scope: 'employment',
          formVersion: 'recepcion-2026-12-v1',
        }),
        'consent',
      );
      ok(
        await call(intake, 'POST', `/cases/${caseId}/assessments`, officer, {
          questionnaireVersion: '2026-11',
          answers: ASSESSMENT_ANSWERS_2026_11,
        }),
        'assessment',
      );
      ok(
        await call(intake, 'POST', `/cases/${caseId}/plan`, officer, {
          goals: { economic: [{ description: 'Conseguir empleo formal' }] },
          proposedReferrals: [
            {
              service: 'employment',
              priority: 'urgent',
              providerIds: [PROVIDER],
              reasonCode: 'seeks-employment',
            },
          ],
        }),
        'plan',
      );
      ok(await call(intake, 'POST', `/cases/${caseId}/plan/submission`, officer), 'submission');
      const plan = ok(await call(intake, 'GET', `/cases/${caseId}/plan`, supervisor), 'plan read');
      ok(
        await call(intake, 'POST', `/cases/${caseId}/plan/approval`, supervisor, undefined, {
          'if-match': plan.etag ?? '',
        }),
        'approval',
      );
      const view = ok(await call(intake, 'GET', `/cases/${caseId}`, officer), 'case read');
      const referral = (view.body['referrals'] as { id: string; service: string }[]).find(
        (r) => r.service === 'employment',
      );
      if (!referral) throw new Error('no employment referral on the approved plan');
      await eventually(
        async () => {
          const accepted = await call(
            employment,
            'POST',
            `/referrals/${referral.id}/acceptance`,
            caseworker,
          );
          if (accepted.status >= 300 && accepted.status !== 409)
            throw new Error(`acceptance ${accepted.status}`);
        },
        { timeoutMs: 120_000, intervalMs: 500 },
      );
      referred.push({ caseId, referralId: referral.id });
      workflowIds.push(`referral/${referral.id}`);
    });
    // A child the path never started (its event dead-lettered: see the .dlq counts) is reported.
    await waitForPaths(referred.map((r) => `referral/${r.referralId}`)).catch(() => undefined);
    await settle(kafka, historyTotal);
    const started = await Promise.all(
      referred.map((r) =>
        client.workflow
          .getHandle(`referral/${r.referralId}`)
          .describe()
          .then(() => r)
          .catch(() => undefined),
      ),
    );
    const afterPaths = { db: await databases(), kafka: await kafkaMessages(kafka) };
    const sample = started.filter((r) => r !== undefined).slice(0, 20);
    const pathHistories = await Promise.all(
      sample.map((r) => history(client, `reintegration-path/${r.caseId}`)),
    );
    const referralHistories = await Promise.all(
      sample.map((r) => history(client, `referral/${r.referralId}`)),
    );
    const fixture = temporal.api.history.v1.History.fromObject(
      JSON.parse(
        readFileSync(
          join(
            root,
            'apps/orchestrator/src/workflows/__fixtures__/reintegration-path.v2.history.json',
          ),
          'utf8',
        ),
      ) as Record<string, unknown>,
    );
    const mean = (list: HistoryFigures[], key: 'events' | 'bytes') =>
      list.reduce((sum, h) => sum + h[key], 0) / Math.max(1, list.length);
    const report = {
      measuredAt: new Date().toISOString(),
      cases: CASES,
      perRegistration: {
        temporal: {
          events: mean(registrationHistories, 'events'),
          bytes: mean(registrationHistories, 'bytes'),
          types: registrationHistories[0]?.types,
        },
        database: delta(afterRegistration.db, before.db, CASES),
        kafka: kafkaDelta(afterRegistration.kafka, before.kafka, CASES),
      },
      perPathWithAcceptedReferral: {
        referralsWithoutChildWorkflow: started.filter((r) => r === undefined).length,
        temporal: {
          pathEvents: mean(pathHistories, 'events'),
          pathBytes: mean(pathHistories, 'bytes'),
          referralEvents: mean(referralHistories, 'events'),
          referralBytes: mean(referralHistories, 'bytes'),
          pathTypes: pathHistories[0]?.types,
        },
        database: delta(afterPaths.db, afterRegistration.db, CASES),
        kafka: kafkaDelta(afterPaths.kafka, afterRegistration.kafka, CASES),
      },
      closedPathFixture: {
        source: 'apps/orchestrator/src/workflows/__fixtures__/reintegration-path.v2.history.json',
        events: fixture.events.length,
        bytes: temporal.api.history.v1.History.encode(fixture).finish().length,
      },
    };
    mkdirSync(join(root, 'artifacts/capacity'), { recursive: true });
    writeFileSync(join(root, 'artifacts/capacity/report.json'), JSON.stringify(report, null, 2));
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await connection.close();
    if (process.env['CAPACITY_KEEP_STACK'] !== '1') stack('stop');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
