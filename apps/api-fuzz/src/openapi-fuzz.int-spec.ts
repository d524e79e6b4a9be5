import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, testToken } from '@reintegra/testing';
import { FUZZ_MUNICIPALITY, FUZZ_ORGANISATION } from './fuzz-identity';
import { FUZZED_SERVICES, FuzzServices } from './fuzz-services';
import { type OpenApiDocument, splitByRole } from './role-documents';
import { type FuzzResult, runSchemathesis } from './schemathesis';

/**
 * Property-based fuzzing of every route of every service's OpenAPI document (Schemathesis), with
 * a valid token of the role each route needs: 0 server errors, 0 responses outside their
 * documented status codes and schemas, 0 requests over the timeout. FUZZ_EXAMPLES raises the
 * examples per route for the long run (`npm run fuzz -- --examples 200`).
 */
const examples = Number(process.env['FUZZ_EXAMPLES'] ?? 4);
const seed = Number(process.env['FUZZ_SEED'] ?? 20);
const reports = join(findWorkspaceRoot(), 'artifacts/api-fuzz');
const services = new FuzzServices();

beforeAll(() => services.start(), 180_000);
afterAll(() => services.stop());

it(
  `fuzzes every route of every service (${examples} examples per route)`,
  async () => {
    const failures: string[] = [];
    let routes = 0;
    let requests = 0;
    let streams = 0;
    for (const { app } of FUZZED_SERVICES) {
      const service = services.processes.get(app);
      if (!service) throw new Error(`${app} did not start`);
      const document = (await (
        await fetch(`${service.url}/docs/openapi.json`)
      ).json()) as OpenApiDocument;
      const { parts, streams: serviceStreams } = splitByRole(document, 'supervisor');
      streams += serviceStreams;
      for (const [caller, part] of parts) {
        const reportDir = join(reports, app, caller);
        mkdirSync(reportDir, { recursive: true });
        const schemaFile = join(reportDir, 'openapi.json');
        writeFileSync(schemaFile, JSON.stringify(part.document));
        const role = caller === 'public' ? 'supervisor' : caller;
        const started = Date.now();
        const result: FuzzResult = await runSchemathesis({
          schemaFile,
          baseUrl: service.url,
          authorization: await testToken({
            roles: [role],
            municipalityCode: FUZZ_MUNICIPALITY,
            organisationId: FUZZ_ORGANISATION,
          }),
          examples,
          seed,
          reportDir,
        });
        routes += part.operations;
        requests += result.requests;
        console.log(
          `${app} as ${caller}: ${part.operations} routes, ${result.requests} requests, ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s, exit ${result.exitCode}`,
        );
        if (result.exitCode !== 0) failures.push(`--- ${app} as ${caller}\n${result.failures}`);
      }
    }
    console.log(
      `API fuzzing: ${FUZZED_SERVICES.length} services, ${routes} routes, ${requests} requests, ` +
        `${failures.length} failing parts (reports in ${reports}); ` +
        `${streams} event streams not fuzzed (they stay open by design)`,
    );
    expect(routes).toBeGreaterThan(100);
    expect(failures.join('\n')).toBe('');
  },
  Math.max(600_000, examples * 15_000),
);
