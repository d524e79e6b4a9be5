import { Pool } from 'pg';
import { chromium } from 'playwright-core';
import {
  findWorkspaceRoot,
  runToCompletion,
  ServiceProcess,
  stackEnvironment,
  testIdentityEnvironment,
  testToken,
  useLocalStack,
} from '@reintegra/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Benchmark, measure, report, type Result } from './harness';
import { emptyReadModelAtTheEnd, readModelBenchUrl } from './read-model-db';

/**
 * The cost curve: the API is measured at each size (BENCH_CASES, comma-separated, default
 * "10000,50000"), smallest first; the first render in Chromium at the largest only.
 */
const SIZES = (process.env['BENCH_CASES'] ?? '10000,50000')
  .split(',')
  .map(Number)
  .filter((size) => Number.isInteger(size) && size > 0)
  .sort((a, b) => a - b);
const CASES = SIZES.at(-1) ?? 50_000;
const REFERRALS_PER_CASE = 4;
const OPERATIONS = Number(process.env['BENCH_OPERATIONS'] ?? 300);
const RENDERS = Number(process.env['BENCH_RENDERS'] ?? 20);
const CONCURRENCY = 4;
const WARMUP = 20;
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Into an empty read model: 50,000 cases and 200,000 referrals spread over the 44 municipalities (La Paz Este a little
 * larger), with a realistic mix of open, overdue, escalated and finished referrals, written
 * straight into the read model as the projection would leave them.
 */
async function generate(pool: Pool, CASES: number): Promise<void> {
  await pool.query(
    `WITH m AS (SELECT array_agg(code) AS codes FROM unnest($1::text[]) code)
     INSERT INTO cases (case_id, returnee_id, episode_number, municipality_code, minor, return_date,
                        country_returned_from, registered_at, registered_by, status, phase, phase_at,
                        risk_level, assigned_officer, plan_status, plan_version, plan_submitted_at,
                        closure_proposed_at, closure_proposed_reason, last_event_at)
     SELECT gen_random_uuid(), gen_random_uuid(), 1,
            CASE WHEN i % 10 = 0 THEN $2 ELSE m.codes[1 + (i % array_length(m.codes, 1))] END,
            i % 5 = 0, (now() - (i % 365) * interval '1 day')::date, CASE WHEN i % 3 = 0 THEN 'MX' ELSE 'US' END,
            now() - (i % 365) * interval '1 day' - (i % 1440) * interval '1 minute',
            'user:officer-' || (i % 120), 'open',
            (ARRAY['intake','assessed','plan-approved','in-services','follow-up','closed'])[1 + (i % 6)],
            now() - (i % 300) * interval '1 day',
            (ARRAY['low','medium','high'])[1 + (i % 3)],
            CASE WHEN i % 4 <> 0 THEN 'user:officer-' || (i % 60) END,
            CASE WHEN i % 50 = 1 THEN 'submitted' WHEN i % 6 >= 2 THEN 'approved' END,
            CASE WHEN i % 6 >= 1 THEN 1 END,
            CASE WHEN i % 50 = 1 THEN now() - (i % 10) * interval '1 day' END,
            CASE WHEN i % 97 = 5 THEN now() - interval '2 days' END,
            CASE WHEN i % 97 = 5 THEN 'reintegrated' END,
            now()
       FROM generate_series(1, $3::int) i, m`,
    [municipalityCodes(), MUNICIPALITY, CASES],
  );
  await pool.query(
    `INSERT INTO referrals (referral_id, case_id, municipality_code, service, priority, provider_ids,
                            status, requested_at, acknowledge_by, accepted_at, completed_at,
                            escalations, last_escalated_at, updated_at)
     SELECT gen_random_uuid(), c.case_id, c.municipality_code,
            (ARRAY['employment','education','victim-support','psychosocial','legal-documents','health','housing'])[1 + ((k + n) % 7)],
            (ARRAY['emergency','urgent','normal','normal'])[1 + ((k * 7 + n) % 4)],
            ARRAY['provider-' || ((k + n) % 40)],
            s.status, c.registered_at + interval '1 day',
            CASE WHEN s.status IN ('sent', 'no-capacity') THEN now() + ((((k * 31 + n) % 60) - 20) * interval '1 day') ELSE c.registered_at + interval '15 days' END,
            CASE WHEN s.status IN ('accepted', 'in-progress', 'completed', 'not-completed') THEN c.registered_at + interval '3 days' END,
            CASE WHEN s.status = 'completed' THEN c.registered_at + interval '60 days' END,
            CASE WHEN (k + n) % 23 = 0 THEN 1 ELSE 0 END,
            CASE WHEN (k + n) % 23 = 0 THEN now() - ((k % 20) * interval '1 day') END,
            now()
       FROM (SELECT case_id, municipality_code, registered_at, row_number() OVER () AS k FROM cases) c
      CROSS JOIN generate_series(1, $1::int) n
      CROSS JOIN LATERAL (SELECT (ARRAY['sent','accepted','in-progress','completed','completed','declined','no-capacity','not-completed'])[1 + ((c.k * 13 + n) % 8)] AS status) s`,
    [REFERRALS_PER_CASE],
  );
  // Each case's earliest awaiting deadline, as the projection keeps it.
  await pool.query(
    `UPDATE cases c SET awaiting_deadline = r.deadline
       FROM (SELECT case_id, min(acknowledge_by) AS deadline FROM referrals
              WHERE status IN ('requested', 'sent', 'no-capacity') GROUP BY case_id) r
      WHERE r.case_id = c.case_id`,
  );
  // The steady state autovacuum keeps: statistics and visibility maps (index-only scans).
  await pool.query('VACUUM ANALYZE cases');
  await pool.query('VACUUM ANALYZE referrals');
}

/** The 44 municipality codes, read from the reference data file (benchmarks import no app libraries). */
function municipalityCodes(): string[] {
  const file = join(findWorkspaceRoot(), 'libs/reference-data/src/generated/territory.json');
  const { municipalities } = JSON.parse(readFileSync(file, 'utf8')) as {
    municipalities: { code: string }[];
  };
  return municipalities.map((m) => m.code);
}

/** A GET of the same URL each time, or of the URL made for the i-th request. */
const get = (url: string | ((i: number) => string), authorization: string) => async (i: number) => {
  const target = typeof url === 'string' ? url : url(i);
  const response = await fetch(target, { headers: { authorization } });
  if (response.status !== 200) throw new Error(`${target}: ${response.status}`);
  await response.arrayBuffer();
};

function latencyResult(name: string, latencies: number[]): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const seconds = latencies.reduce((sum, ms) => sum + ms, 0) / 1000;
  return {
    name,
    operations: latencies.length,
    errors: 0,
    seconds,
    throughput: latencies.length / seconds,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Issue 9's measure: overview and list API p99 with 50,000 cases and 200,000 referrals, against
 * an authenticated endpoint that reads no table (`GET /api/me`) measured in the same run; and the
 * time until the overview shows its figures in Chromium, against the login page (no data).
 */
export const supervisorDashboardBenchmark: Benchmark = {
  name: 'supervisor-dashboard',
  description: `overview and list API p99 and overview first render in Chromium with ${CASES} cases, ${CASES * REFERRALS_PER_CASE} referrals`,
  async main() {
    const stack = await useLocalStack();
    Object.assign(process.env, stackEnvironment(stack), await testIdentityEnvironment());
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: readModelBenchUrl('app'),
      DATABASE_MIGRATION_URL: readModelBenchUrl('migrator'),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_CONSUMER_GROUP: 'supervisor-api-bench',
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: 'reintegra-test',
      SUPERVISOR_WEB_DIR: join(findWorkspaceRoot(), 'dist/apps/supervisor-web'),
      DEV_IDENTITY_URL: '',
    };
    await runToCompletion('supervisor-api', 'migrate', env);
    const municipal = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
    const national = await testToken({ roles: ['national-supervisor'] });
    const curve: { cases: number; baseline: Result; results: Result[] }[] = [];
    let api: ServiceProcess | undefined;
    for (const cases of SIZES) {
      // Stopped first: the previous size's process must not project into tables being refilled.
      await api?.stop();
      const pool = new Pool({ connectionString: env.DATABASE_MIGRATION_URL, max: 2 });
      const generating = Date.now();
      await emptyReadModelAtTheEnd(pool, stack.kafkaBrokers);
      await generate(pool, cases);
      console.log(
        `[bench] generated ${cases} cases, ${cases * REFERRALS_PER_CASE} referrals in ${((Date.now() - generating) / 1000).toFixed(1)} s`,
      );
      await pool.end();
      // A fresh process per size: no overview cached from the previous size.
      api = new ServiceProcess('supervisor-api', 3406, env);
      await api.start();
      const load = { operations: OPERATIONS, concurrency: CONCURRENCY, warmup: WARMUP };
      const url = api.url;
      const run = (name: string, path: string | ((i: number) => string), token: string) =>
        measure(
          {
            name,
            run: get(typeof path === 'string' ? `${url}${path}` : (i) => `${url}${path(i)}`, token),
          },
          load,
        );
      const baseline = await run('GET /api/me (auth, no query)', '/api/me', municipal);
      const results = [
        await run('overview (municipal)', '/api/overview', municipal),
        await run('overview (national)', '/api/overview', national),
        await run('list (municipal, first page)', '/api/cases', municipal),
        await run('list (national, first page)', '/api/cases', national),
        await run('list (national, overdue=true)', '/api/cases?overdue=true', national),
        // A list's total may be 5 s old (paging counts once); a filter never asked before is
        // counted in its request. Each request here asks another (a later "to" date: same cases).
        await run(
          'list (national, overdue=true), new filter each request',
          (i) =>
            `/api/cases?overdue=true&to=${new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10)}`,
          national,
        ),
        await run(
          'list (municipal, filters)',
          '/api/cases?service=employment&priority=urgent&phase=in-services',
          municipal,
        ),
      ];
      report(
        `supervisor API with ${cases} cases / ${cases * REFERRALS_PER_CASE} referrals (aim: p99 < 100 ms)`,
        baseline,
        results,
      );
      curve.push({ cases, baseline, results });
    }
    printCurve(curve);
    if (!api) return;
    try {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const bare = municipal.replace(/^Bearer /, '');
        const render = async (withToken: boolean, ready: string) => {
          const context = await browser.newContext();
          if (withToken)
            await context.addInitScript({
              content: `sessionStorage.setItem('reintegra.supervisor.token', ${JSON.stringify(bare)})`,
            });
          const page = await context.newPage();
          const started = Date.now();
          await page.goto(`${api.url}/#/overview`);
          await page.locator(ready).waitFor();
          const elapsed = Date.now() - started;
          await context.close();
          return elapsed;
        };
        await render(true, '[data-testid="open-paths"]');
        const loginTimes: number[] = [];
        const overviewTimes: number[] = [];
        for (let i = 0; i < RENDERS; i += 1) {
          loginTimes.push(await render(false, 'h1'));
          overviewTimes.push(await render(true, '[data-testid="open-paths"]'));
        }
        report(
          'first render in Chromium (navigation → figures on screen; aim: under 1.5 s)',
          latencyResult('login page (no data)', loginTimes),
          [latencyResult('overview with figures (municipal)', overviewTimes)],
        );
      } finally {
        await browser.close();
      }
    } finally {
      await api.stop();
    }
  },
};

/** p50 and p99 of each route per size, and the p99 ratio to the trivial route of the same size. */
function printCurve(curve: { cases: number; baseline: Result; results: Result[] }[]): void {
  console.log(
    '\n[bench] cost curve (p50 / p99 ms; x = p99 over GET /api/me p99 of the same size):',
  );
  const names = [curve[0]?.baseline, ...(curve[0]?.results ?? [])].map((r) => r?.name ?? '');
  for (const [i, name] of names.entries()) {
    const cells = curve.map(({ cases, baseline, results }) => {
      const r = i === 0 ? baseline : results[i - 1];
      if (!r) return '';
      return `${cases}: ${r.p50Ms.toFixed(0)} / ${r.p99Ms.toFixed(0)} (x${(r.p99Ms / baseline.p99Ms).toFixed(2)})`;
    });
    console.log(`  ${name.padEnd(32)} ${cells.join('   ')}`);
  }
}
