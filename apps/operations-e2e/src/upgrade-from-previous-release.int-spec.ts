import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually, runToCompletion, ServiceProcess, testToken } from '@reintegra/testing';
import {
  openReferralsQuery,
  pathStateQuery,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import { OwnStack, root } from './own-stack';

/**
 * The upgrade municipal IT does, from the previous release's data to this one: the committed
 * fixture is a backup (`npm run backup`) of the previous release's `npm start` with its demo data
 * (tools/scripts/make-upgrade-fixture.sh made it). It is restored onto a stack of the suite's own,
 * every service's migrations of this release run over it, and this release's services take over:
 * every person and case answers, every running path replays its old history with this release's
 * workflow code and answers, and an in-flight case goes on (a new referral reaches its path).
 */
jest.setTimeout(900_000);
const upgrade = new OwnStack('upgrade', {
  PG_PORT: '26732',
  KAFKA_PORT: '29492',
  KAFKA_CONTROLLER_PORT: '29493',
  TEMPORAL_PORT: '27633',
  TEMPORAL_UI_PORT: '28633',
  SMTP_PORT: '21425',
  PROMETHEUS_PORT: '29390',
});
const FIXTURE = join(upgrade.work, 'fixture');
mkdirSync(FIXTURE);
execFileSync('tar', [
  'xzf',
  join(root, 'apps/operations-e2e/fixtures/upgrade-from-0.2.0.tar.gz'),
  '-C',
  FIXTURE,
]);
const fixture = JSON.parse(readFileSync(join(FIXTURE, 'fixture.json'), 'utf8')) as {
  version: string;
  revision: string;
};
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
/** Every service with a database, as `npm start` migrates them (tools/scripts/lib.sh). */
const MIGRATED = {
  intake: 'intake',
  orchestrator: 'orchestrator',
  'employment-matching': 'employment_matching',
  'education-enrolment': 'education_enrolment',
  'victim-support': 'victim_support',
  'supervisor-api': 'supervisor',
  'partner-gateway': 'partner_gateway',
  'community-inclusion': 'community_inclusion',
  'service-directory': 'service_directory',
  notifications: 'notifications',
} as const;

let intake: ServiceProcess;
let orchestrator: ServiceProcess;

async function call(method: string, path: string, body?: unknown) {
  const token = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  const response = await fetch(`${intake.url}${path}`, {
    method,
    headers: { authorization: token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Rows of a restored database, read as its migrator. */
async function rows<T>(database: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: upgrade.env(database)['DATABASE_MIGRATION_URL'] });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await Promise.allSettled([intake?.stop(), orchestrator?.stop()]);
  await upgrade.dispose();
});

describe(`the upgrade from release ${fixture.version}`, () => {
  it('restores the previous release’s backup and runs this release’s migrations over it', async () => {
    await upgrade.run('start');
    const restored = await upgrade.run('restore', FIXTURE);
    expect(restored).toMatch(/restore: intake/);
    for (const [app, database] of Object.entries(MIGRATED))
      await runToCompletion(app, 'migrate', upgrade.env(database));
    intake = new ServiceProcess('intake', 3241, upgrade.env('intake'));
    orchestrator = new ServiceProcess('orchestrator', 3242, upgrade.env('orchestrator'));
    await Promise.all([intake.start(), orchestrator.start()]);
  });

  it('answers every person and case of the previous release', async () => {
    const cases = await rows<{ id: string; returnee_id: string }>(
      'intake',
      `SELECT id, returnee_id FROM return_episodes WHERE municipality_code = '${MUNICIPALITY}'`,
    );
    // The demo story alone has 13 La Paz Este cases.
    expect(cases.length).toBeGreaterThanOrEqual(13);
    for (const theCase of cases) {
      expect((await call('GET', `/cases/${theCase.id}`)).status).toBe(200);
      expect((await call('GET', `/returnees/${theCase.returnee_id}`)).status).toBe(200);
    }
  });

  it('replays every running path of the previous release with this release’s workflow code', async () => {
    const running = await upgrade.temporal(async (client) => {
      const ids: string[] = [];
      for await (const path of client.workflow.list({
        query: `WorkflowType = '${REINTEGRATION_PATH_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`,
      }))
        ids.push(path.workflowId);
      return ids;
    });
    expect(running.length).toBeGreaterThanOrEqual(13);
    // No worker has these workflows cached: each query replays the whole old history first, and
    // a change that is not behind patched() would fail it as non-deterministic.
    const phases = await upgrade.temporal((client) =>
      Promise.all(
        running.map(
          async (id) => (await client.workflow.getHandle(id).query(pathStateQuery)).phase,
        ),
      ),
    );
    expect(phases).toHaveLength(running.length);
    expect(new Set(phases).size).toBeGreaterThan(1);
  });

  it('goes on with an in-flight case: a new referral reaches its path', async () => {
    const [open] = await rows<{ id: string }>(
      'intake',
      // An adult: since 0.3 a minor's consent needs a guardian, which 0.2.0 never recorded.
      `SELECT c.id FROM return_episodes c JOIN returnees p ON p.id = c.returnee_id
        WHERE c.municipality_code = '${MUNICIPALITY}' AND c.status NOT IN ('closed')
          AND p.date_of_birth <= current_date - interval '18 years'
          AND EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id)
        ORDER BY c.id LIMIT 1`,
    );
    expect(open).toBeDefined();
    const consent = await call('POST', `/cases/${open.id}/consents`, {
      purpose: 'service-referral',
      scope: 'housing',
      formVersion: 'CONS-2026-01',
    });
    // The demo may have given it already (409): either way the consent is there.
    expect([200, 201, 409]).toContain(consent.status);
    const referral = await call('POST', `/cases/${open.id}/referrals`, {
      service: 'housing',
      priority: 'normal',
      providerIds: [`proveedor-vivienda-${randomUUID().slice(0, 6)}`],
    });
    expect(referral.status).toBe(201);
    await eventually(
      async () => {
        const referrals = await upgrade.temporal((client) =>
          client.workflow.getHandle(reintegrationPathWorkflowId(open.id)).query(openReferralsQuery),
        );
        expect(referrals.map((r) => r.referralId)).toContain(referral.body['id']);
      },
      { timeoutMs: 90_000 },
    );
  });
});
