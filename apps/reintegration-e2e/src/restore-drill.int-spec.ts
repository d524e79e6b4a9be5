import { Client as TemporalClient, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  eventually,
  findWorkspaceRoot,
  runToCompletion,
  ServiceProcess,
  testToken,
} from '@reintegra/testing';
import { openReferralsQuery, reintegrationPathWorkflowId } from '@reintegra/workflow-contracts';

/**
 * The restore drill municipal IT would run, on a stack of its own (own state dir and ports, so the
 * shared test stack is never touched): register a person and refer them, back up, stop, wipe the
 * whole state dir, start empty engines, restore — and the person, the case, the referral and the
 * running path are all back, and the pipeline works again (a new referral reaches the path).
 */
jest.setTimeout(900_000);
const root = findWorkspaceRoot();
const work = mkdtempSync(join(tmpdir(), 'restore-drill-'));
// PostgreSQL runs as its own OS user when the runner is root: it must reach the state dir, or the
// stack would keep the cluster elsewhere (and wiping the state dir would not wipe it).
chmodSync(work, 0o755);
const stackDir = join(work, 'stack');
const backupDir = join(work, 'backup');
const PORTS = {
  PG_PORT: '56532',
  KAFKA_PORT: '59292',
  KAFKA_CONTROLLER_PORT: '59293',
  TEMPORAL_PORT: '57433',
  TEMPORAL_UI_PORT: '58433',
  // The drill's stack starts an SMTP sink too, beside the one of the stack already running.
  SMTP_PORT: '51225',
};
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const run = promisify(execFile);

/** `bash infra/stack.sh …` on the drill's own stack; its output is shown when it fails. */
async function stack(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('bash', ['infra/stack.sh', ...args], {
      cwd: root,
      env: { ...process.env, ...PORTS, REINTEGRA_STACK_DIR: stackDir },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `stack.sh ${args.join(' ')} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    );
  }
}

const database = (name: string) =>
  `postgres://${name}_app:${name}_app_pw@127.0.0.1:${PORTS.PG_PORT}/${name}`;
const migrator = (name: string) =>
  `postgres://${name}_migrator:${name}_migrator_pw@127.0.0.1:${PORTS.PG_PORT}/${name}`;
const common = {
  NODE_ENV: 'test',
  KAFKA_BROKERS: `127.0.0.1:${PORTS.KAFKA_PORT}`,
  TEMPORAL_ADDRESS: `127.0.0.1:${PORTS.TEMPORAL_PORT}`,
  TEMPORAL_NAMESPACE: 'reintegra',
  TEMPORAL_TASK_QUEUE: 'reintegration-paths-restore-drill',
  OUTBOX_POLL_INTERVAL_MS: '100',
};
const env = {
  intake: {
    ...common,
    DATABASE_URL: database('intake'),
    DATABASE_MIGRATION_URL: migrator('intake'),
    KAFKA_CONSUMER_GROUP: 'intake-restore-drill',
  },
  orchestrator: {
    ...common,
    DATABASE_URL: database('orchestrator'),
    DATABASE_MIGRATION_URL: migrator('orchestrator'),
    KAFKA_CONSUMER_GROUP: 'orchestrator-restore-drill',
  },
};

let intake: ServiceProcess;
let orchestrator: ServiceProcess;

async function startServices(): Promise<void> {
  await runToCompletion('intake', 'migrate', env.intake);
  await runToCompletion('orchestrator', 'migrate', env.orchestrator);
  intake = new ServiceProcess('intake', 3231, env.intake);
  orchestrator = new ServiceProcess('orchestrator', 3232, env.orchestrator);
  await Promise.all([intake.start(), orchestrator.start()]);
}

async function stopServices(): Promise<void> {
  await Promise.allSettled([intake?.stop(), orchestrator?.stop()]);
}

async function call(method: string, path: string, body?: unknown) {
  const token = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  const response = await fetch(`${intake.url}${path}`, {
    method,
    headers: { authorization: token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function openReferralsOf(caseId: string): Promise<string[]> {
  const connection = await Connection.connect({ address: common.TEMPORAL_ADDRESS });
  try {
    const client = new TemporalClient({ connection, namespace: common.TEMPORAL_NAMESPACE });
    const open = await client.workflow
      .getHandle(reintegrationPathWorkflowId(caseId))
      .query(openReferralsQuery);
    return open.map((referral) => referral.referralId);
  } finally {
    await connection.close();
  }
}

const refer = (caseId: string, service: string) =>
  call('POST', `/cases/${caseId}/referrals`, {
    service,
    priority: 'normal',
    providerIds: [`proveedor-${service}-drill`],
  });

afterAll(async () => {
  await stopServices();
  await stack('stop').catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('the restore drill', () => {
  let caseId: string;
  let returneeId: string;
  let referralId: string;

  it('starts a stack of its own and records a person with a referral on a running path', async () => {
    await stack('start');
    await startServices();
    const registered = await call('POST', '/returnees', {
      firstNames: `Rosa Elena ${randomUUID().slice(0, 6)}`,
      lastNames: 'Alvarado Chicas',
      dateOfBirth: '1988-03-02',
      gender: 'female',
      returnDate: '2026-11-30',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: MUNICIPALITY,
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    });
    expect(registered.status).toBe(201);
    caseId = registered.body['caseId'] as string;
    returneeId = registered.body['returneeId'] as string;
    for (const scope of ['employment', 'housing']) {
      const consent = await call('POST', `/cases/${caseId}/consents`, {
        purpose: 'service-referral',
        scope,
        formVersion: 'CONS-2026-01',
      });
      expect(consent.status).toBe(201);
    }
    const referral = await refer(caseId, 'employment');
    expect(referral.status).toBe(201);
    referralId = referral.body['id'] as string;
    await eventually(async () => expect(await openReferralsOf(caseId)).toContain(referralId), {
      timeoutMs: 60_000,
    });
  });

  it('backs up, wipes the whole state and restores it onto empty engines', async () => {
    await stopServices();
    const backup = await stack('backup', backupDir);
    expect(backup).toMatch(/backup written to/);
    expect(existsSync(join(backupDir, 'postgres/intake.dump'))).toBe(true);
    expect(existsSync(join(backupDir, 'temporal.db'))).toBe(true);
    await stack('stop');
    rmSync(stackDir, { recursive: true, force: true });
    await stack('start');
    // Empty engines: the person is not there before the restore.
    await startServices();
    expect((await call('GET', `/returnees/${returneeId}`)).status).toBe(404);
    await stopServices();
    const restored = await stack('restore', backupDir);
    expect(restored).toMatch(/restore: intake \(outbox: \d+ events to send again\)/);
  });

  it('has the person, the case, the referral and the running path back, and the pipeline works', async () => {
    await startServices();
    const person = await call('GET', `/returnees/${returneeId}`);
    expect(person.status).toBe(200);
    const theCase = await call('GET', `/cases/${caseId}`);
    expect(theCase.status).toBe(200);
    expect(theCase.body['referrals']).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: referralId, service: 'employment' })]),
    );
    expect(await openReferralsOf(caseId)).toContain(referralId);
    // After the restore, a new referral goes through intake, Kafka and the orchestrator again.
    const housing = await refer(caseId, 'housing');
    expect(housing.status).toBe(201);
    await eventually(
      async () =>
        expect(await openReferralsOf(caseId)).toEqual(
          expect.arrayContaining([referralId, housing.body['id'] as string]),
        ),
      { timeoutMs: 60_000 },
    );
  });
});
