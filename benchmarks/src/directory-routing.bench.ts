import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { Pool } from 'pg';
import { eventually, findWorkspaceRoot, testAuthEnvironment, testToken } from '@reintegra/testing';
import { type Benchmark, measure, report } from './harness';

/**
 * Routing decision of the service directory over DIR_BENCH_SERVICES (2,000) services spread over
 * the 44 municipalities (7 service types; some women-only, some with age ranges, capacity from
 * 0 to 12 or unknown), against the built service as its own process (HTTP, token check,
 * PostgreSQL, ranking). Each operation asks "which provider next" for a random person (type,
 * municipality, district, age, sex, 0–2 providers already asked).
 * Baseline: a plain indexed lookup of the same rows straight from PostgreSQL (active services of
 * the type in the person's municipality, first one), no eligibility, capacity or ranking. A second
 * line gives the same lookup through the service's API (GET /services), to separate the cost of
 * HTTP from the cost of deciding.
 *
 * Options (env): DIR_BENCH_SERVICES (2000), DIR_BENCH_OPERATIONS (2000), DIR_BENCH_CONCURRENCY
 * (8), DIR_BENCH_PORT (3193). Uses the service_directory_test database (emptied first).
 */
const option = (name: string, fallback: number): number => {
  const raw = process.env[`DIR_BENCH_${name}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`DIR_BENCH_${name} must be a positive integer`);
  return value;
};

const TYPES = [
  'employment',
  'education',
  'psychosocial',
  'legal-documents',
  'health',
  'housing',
  'victim-support',
];
const pgHost = process.env['PG_HOST'] ?? '127.0.0.1';
const pgPort = process.env['PG_PORT'] ?? '55432';
const kafkaBrokers =
  process.env['KAFKA_BROKERS'] ?? `127.0.0.1:${process.env['KAFKA_PORT'] ?? '59092'}`;
const dbUrl = (role: 'app' | 'migrator') =>
  `postgres://service_directory_${role}:service_directory_${role}_pw@${pgHost}:${pgPort}/service_directory_test`;

interface Territory {
  municipalities: { code: string; departmentCode: string }[];
  districts: { code: string; municipalityCode: string }[];
}

/** A small deterministic generator: the same directory and questions on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
const uuidOf = (text: string) => {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function runNode(script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited ${code}:\n${output}`)),
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

/** Loads the generated directory with set-based SQL (the bench measures routing, not loading). */
async function loadDirectory(
  pool: Pool,
  territory: Territory,
  count: number,
  random: () => number,
) {
  await pool.query('DELETE FROM services');
  await pool.query('DELETE FROM locations');
  await pool.query('DELETE FROM organizations');
  await pool.query('DELETE FROM capacity_sources');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const orgs: unknown[][] = [];
  const locations: unknown[][] = [];
  const services: unknown[][] = [];
  for (let i = 0; i < count; i += 1) {
    const municipality = territory.municipalities[
      i % territory.municipalities.length
    ] as Territory['municipalities'][number];
    const district = pick(
      territory.districts.filter((d) => d.municipalityCode === municipality.code),
    );
    const org = `bench-org-${i}`;
    const type = pick(TYPES);
    const ageRule = random();
    orgs.push([org, uuidOf(`org-${i}`), `Organización ${i}`, 'Benchmark', municipality.code]);
    locations.push([
      uuidOf(`loc-${i}`),
      org,
      `Sede ${i}`,
      municipality.departmentCode,
      municipality.code,
      district?.code ?? null,
    ]);
    services.push([
      uuidOf(`svc-${i}`),
      org,
      uuidOf(`loc-${i}`),
      `Servicio ${i}`,
      type,
      ageRule < 0.3 ? 18 : ageRule < 0.4 ? 12 : null,
      ageRule >= 0.3 && ageRule < 0.4 ? 17 : null,
      type === 'housing' || type === 'health' ? random() < 0.15 : false,
      random() < 0.2 ? null : Math.floor(random() * 13),
      'active',
    ]);
  }
  const insert = async (sql: string, rows: unknown[][], width: number) => {
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      const values = batch.map(
        (_, r) =>
          `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
      );
      await pool.query(`${sql} VALUES ${values.join(', ')}`, batch.flat());
    }
  };
  await insert(
    'INSERT INTO organizations (id, hsds_id, name, description, municipality_code)',
    orgs,
    5,
  );
  await insert(
    'INSERT INTO locations (id, organization_id, name, department_code, municipality_code, district_code)',
    locations,
    6,
  );
  await insert(
    `INSERT INTO services (id, organization_id, location_id, name, service_type, minimum_age, maximum_age,
                           women_only, capacity_available, status)`,
    services,
    10,
  );
  await pool.query('ANALYZE services; ANALYZE locations');
}

async function main(): Promise<void> {
  const count = option('SERVICES', 2000);
  const operations = option('OPERATIONS', 2000);
  const concurrency = option('CONCURRENCY', 8);
  const port = option('PORT', 3193);
  const root = findWorkspaceRoot();
  const dist = join(root, 'dist/apps/service-directory');
  if (!existsSync(join(dist, 'main.js')))
    throw new Error(
      'dist/apps/service-directory/main.js is missing: run `npx nx run service-directory:build`',
    );
  const territory = JSON.parse(
    readFileSync(join(root, 'libs/reference-data/src/generated/territory.json'), 'utf8'),
  ) as Territory;
  const identity = await benchIdentity();
  await runNode(join(dist, 'migrate.js'), {
    NODE_ENV: 'test',
    DATABASE_MIGRATION_URL: dbUrl('migrator'),
  });
  const pool = new Pool({ connectionString: dbUrl('app'), max: concurrency });
  const random = seeded(42);
  await loadDirectory(pool, territory, count, random);

  const service: ChildProcess = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      ...process.env,
      ...identity,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      HTTP_PORT: String(port),
      DATABASE_URL: dbUrl('app'),
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_CONSUMER_GROUP: `service-directory-bench-${Date.now()}`,
    },
    stdio: 'ignore',
  });
  process.once('exit', () => service.kill('SIGTERM'));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        const health = await fetch(`${url}/health`);
        if (health.status !== 200) throw new Error(`health ${health.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const token = await testToken({ roles: ['national-supervisor'] });
    const questions = Array.from({ length: operations + 200 }, () => {
      const municipality = territory.municipalities[
        Math.floor(random() * territory.municipalities.length)
      ] as Territory['municipalities'][number];
      const districts = territory.districts.filter((d) => d.municipalityCode === municipality.code);
      const asked = Array.from(
        { length: Math.floor(random() * 3) },
        () => `bench-org-${Math.floor(random() * count)}`,
      );
      return {
        service: TYPES[Math.floor(random() * TYPES.length)] as string,
        municipalityCode: municipality.code,
        eligibility: {
          ageYears: 10 + Math.floor(random() * 60),
          sex: random() < 0.5 ? 'female' : 'male',
          districtCode: districts[Math.floor(random() * districts.length)]?.code,
        },
        exclude: asked,
      };
    });
    const at = (index: number) => questions[index % questions.length] as (typeof questions)[number];
    let chosen = 0;
    let none = 0;

    const baseline = await measure(
      {
        name: 'plain indexed lookup (SQL)',
        run: async (index) => {
          const q = at(index);
          await pool.query(
            `SELECT s.id, s.organization_id FROM services s JOIN locations l ON l.id = s.location_id
              WHERE s.service_type = $1 AND s.status = 'active' AND l.municipality_code = $2 LIMIT 1`,
            [q.service, q.municipalityCode],
          );
        },
      },
      { operations, concurrency, warmup: 200 },
    );
    const listed = await measure(
      {
        name: 'same lookup via API (GET /services)',
        run: async (index) => {
          const q = at(index);
          const response = await fetch(
            `${url}/services?serviceType=${q.service}&municipalityCode=${q.municipalityCode}&status=active`,
            { headers: { authorization: token } },
          );
          if (response.status !== 200) throw new Error(`GET /services ${response.status}`);
          await response.arrayBuffer();
        },
      },
      { operations, concurrency, warmup: 200 },
    );
    const routed = await measure(
      {
        name: `routing decision (${count} services)`,
        run: async (index) => {
          const response = await fetch(`${url}/routing/next-provider`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: token },
            body: JSON.stringify(at(index)),
          });
          if (response.status !== 200)
            throw new Error(`routing ${response.status}: ${await response.text()}`);
          const body = (await response.json()) as { providerId: string | null };
          if (index >= 200) {
            if (body.providerId) chosen += 1;
            else none += 1;
          }
        },
      },
      { operations, concurrency, warmup: 200 },
    );
    report(
      `directory routing: ${count} services in ${territory.municipalities.length} municipalities, concurrency ${concurrency}`,
      baseline,
      [listed, routed],
    );
    console.log(`decisions: ${chosen} with a provider, ${none} with none eligible (reason given)`);
  } finally {
    service.kill('SIGTERM');
    await pool.end();
  }
}

export const directoryRoutingBenchmark: Benchmark = {
  name: 'directory-routing',
  description:
    'routing decision over 2,000 services in 44 municipalities vs a plain indexed lookup',
  main,
};
