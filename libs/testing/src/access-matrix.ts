import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { PUBLIC_KEY, ROLES, ROLES_KEY, type Role } from '@reintegra/platform-auth';
import { TEST_ISSUER } from './test-identity-constants';
import { testToken } from './test-identity';

/** The matrix's municipality (the objects under test belong to it) and another one. */
export const MATRIX_HOME = 'SV-PA-LA-PAZ-ESTE';
export const MATRIX_ELSEWHERE = 'SV-SS-SAN-SALVADOR-CENTRO';

/** What a route is called with: the path of an object of MATRIX_HOME and the organisation. */
export interface MatrixRequest {
  readonly path: string;
  readonly body?: unknown;
  /** Sent as is instead of `body` as JSON (e.g. a file's bytes); name its type in `headers`. */
  readonly rawBody?: Buffer;
  readonly headers?: Record<string, string>;
}

/** A status, or one of several where the state depends on another service (`either(200, 404)`). */
export type Status = number | { readonly anyOf: readonly number[] };
export const either = (...anyOf: number[]): Status => ({ anyOf });

/** One status for every variant, or [own, other municipality, other organisation]. */
export type Expected = Status | readonly [Status, Status, Status];

export interface MatrixRow {
  /** The route as Nest declares it, e.g. `GET /cohorts/:id`. */
  readonly route: string;
  /** Builds the request; called once per caller expected to succeed on a write (it changes state). */
  readonly request: () => Promise<MatrixRequest> | MatrixRequest;
  /** Roles that are not refused by role; every role not named here must get 403. */
  readonly allow?: Partial<Record<Role, Expected>>;
  /** Anyone may call it, even with a bad token: the status everyone gets. */
  readonly publicStatus?: number;
}

/** The routes every service gets from the platform: health for load balancers, metrics for Prometheus. */
export const PLATFORM_ROWS: readonly MatrixRow[] = [
  { route: 'GET /health', request: () => ({ path: '/health' }), publicStatus: 200 },
  { route: 'GET /health/live', request: () => ({ path: '/health/live' }), publicStatus: 200 },
  { route: 'GET /metrics', request: () => ({ path: '/metrics' }), publicStatus: 200 },
];

export interface DeclaredRoute {
  readonly route: string;
  readonly roles: readonly Role[];
  readonly isPublic: boolean;
}

const VARIANTS = ['own', 'other-municipality', 'other-organisation'] as const;
type Variant = (typeof VARIANTS)[number];

/** The subject of a matrix caller, for objects that name people (e.g. an activity's facilitators). */
export const matrixSubject = (role: Role, variant: Variant) => `matrix-${role}-${variant}`;
const HOSTILE = ['no token', 'expired', 'wrong signing key', 'alg none', 'wrong audience'] as const;

/** Every HTTP route of the running app with its role metadata (Kafka handlers have no path). */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const scanner = new MetadataScanner();
  const seen = new Set<unknown>();
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || seen.has(type)) continue;
      seen.add(type);
      const bases = [Reflect.getMetadata(PATH_METADATA, type) ?? '/'].flat() as string[];
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, object>)[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
          Reflect.getMetadata(ROLES_KEY, type) ??
          []) as Role[];
        const isPublic = Boolean(
          Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, type),
        );
        for (const base of bases)
          for (const path of [paths].flat()) {
            const joined = `/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            routes.push({ route: `${method} ${joined}`, roles, isPublic });
          }
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

interface Caller {
  readonly label: string;
  readonly role?: Role;
  readonly variant?: Variant;
  readonly authorization?: string;
}

/** Tokens a service must refuse: each is otherwise an admin of MATRIX_HOME. */
async function hostileCallers(): Promise<Caller[]> {
  const privateJwk = process.env['TEST_AUTH_PRIVATE_JWK'];
  if (!privateJwk) throw new Error('TEST_AUTH_PRIVATE_JWK is not set: run through the jest config');
  const jwk = JSON.parse(privateJwk) as JWK;
  const claims = { roles: ['admin'], municipality: MATRIX_HOME };
  const sign = async (key: Parameters<SignJWT['sign']>[0], audience: string, expiry: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid ?? 'test' })
      .setSubject('matrix-hostile')
      .setIssuer(TEST_ISSUER)
      .setAudience(audience)
      .setIssuedAt(expiry - 3600)
      .setExpirationTime(expiry)
      .sign(key);
  const now = Math.floor(Date.now() / 1000);
  const ownKey = await importJWK(jwk, 'ES256');
  const strangerKey = (await generateKeyPair('ES256')).privateKey;
  const unsigned = [
    { alg: 'none', typ: 'JWT' },
    { ...claims, sub: 'matrix-hostile', iss: TEST_ISSUER, aud: 'reintegra', exp: now + 3600 },
  ]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.');
  const tokens = [
    undefined,
    await sign(ownKey, 'reintegra', now - 600), // beyond the verifier's 30 s clock tolerance
    await sign(strangerKey, 'reintegra', now + 3600),
    `${unsigned}.`,
    await sign(ownKey, 'another-audience', now + 3600),
  ];
  return HOSTILE.map((label, i) => ({
    label,
    ...(tokens[i] ? { authorization: `Bearer ${tokens[i]}` } : {}),
  }));
}

async function roleCallers(
  organisationOf: (role: Role) => string,
  otherOrganisation: string,
): Promise<Caller[]> {
  const scope = (
    role: Role,
  ): Record<Variant, { municipalityCode: string; organisationId: string }> => ({
    own: { municipalityCode: MATRIX_HOME, organisationId: organisationOf(role) },
    'other-municipality': {
      municipalityCode: MATRIX_ELSEWHERE,
      organisationId: organisationOf(role),
    },
    'other-organisation': { municipalityCode: MATRIX_HOME, organisationId: otherOrganisation },
  });
  return Promise.all(
    ROLES.flatMap((role) =>
      VARIANTS.map(async (variant) => ({
        label: `${role} (${variant})`,
        role,
        variant,
        authorization: await testToken({
          subject: matrixSubject(role, variant),
          roles: [role],
          ...scope(role)[variant],
        }),
      })),
    ),
  );
}

function expectedFor(row: MatrixRow, caller: Caller): Status {
  if (row.publicStatus !== undefined) return row.publicStatus;
  if (!caller.role || !caller.variant) return 401;
  const expected = row.allow?.[caller.role];
  if (expected === undefined) return 403;
  if (!Array.isArray(expected)) return expected as Status;
  const [own, otherMunicipality, otherOrganisation] = expected;
  return { own, 'other-municipality': otherMunicipality, 'other-organisation': otherOrganisation }[
    caller.variant
  ];
}

async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < tasks.length; index = next++) {
      const task = tasks[index] as () => Promise<T>;
      results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export interface MatrixOptions {
  readonly app: INestApplication;
  readonly url: string;
  /** The organisation that owns the objects the rows' requests build, and a stranger. */
  readonly organisation: string;
  readonly otherOrganisation: string;
  /** Roles whose own organisation is another one (e.g. an employer beside a placement office). */
  readonly organisationOf?: Partial<Record<Role, string>>;
  readonly rows: readonly MatrixRow[];
  readonly concurrency?: number;
}

export interface MatrixReport {
  /** `route as caller: expected X, got Y`, empty when every answer matches the table. */
  readonly mismatches: string[];
  readonly counts: { routes: number; roles: number; callers: number; requests: number };
}

/**
 * Every declared route × every role in its own or another municipality or organisation, plus
 * hostile tokens, against the running service. The expected answers are the test's table; the
 * declared routes only say what the table must cover (a route without a row, or a row without a
 * route, fails before any request). Refusals must be problem+json.
 */
export async function runAccessMatrix(options: MatrixOptions): Promise<MatrixReport> {
  const started = Date.now();
  const declared = declaredRoutes(options.app).map(({ route }) => route);
  const tabled = options.rows.map(({ route }) => route);
  const uncovered = declared.filter((route) => !tabled.includes(route));
  const unknown = tabled.filter((route) => !declared.includes(route));
  if (uncovered.length > 0 || unknown.length > 0)
    throw new Error(
      `the access table must cover exactly the declared routes: missing rows for [${uncovered.join(', ')}], rows for no route [${unknown.join(', ')}]`,
    );
  const callers = [
    ...(await roleCallers(
      (role) => options.organisationOf?.[role] ?? options.organisation,
      options.otherOrganisation,
    )),
    ...(await hostileCallers()),
  ];
  const tasks = options.rows.flatMap((row) => {
    const [method = 'GET'] = row.route.split(' ');
    let shared: Promise<MatrixRequest> | undefined;
    return callers.map((caller) => async () => {
      const status = expectedFor(row, caller);
      const allowed = typeof status === 'number' ? [status] : status.anyOf;
      const expected = allowed.join(' or ');
      // A successful write changes its object: it gets one of its own.
      const fresh = method !== 'GET' && allowed.some((one) => one < 300);
      const request = await (fresh ? row.request() : (shared ??= Promise.resolve(row.request())));
      const response = await fetch(`${options.url}${request.path}`, {
        method,
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          ...(caller.authorization ? { authorization: caller.authorization } : {}),
          ...request.headers,
        },
        ...(method === 'GET'
          ? {}
          : {
              body: request.rawBody
                ? new Uint8Array(request.rawBody)
                : JSON.stringify(request.body ?? {}),
            }),
      });
      const type = response.headers.get('content-type') ?? '';
      // An event stream never ends: its answer is the status and type.
      const text = type.startsWith('text/event-stream')
        ? await response.body?.cancel().then(() => '')
        : await response.text();
      if (!allowed.includes(response.status)) {
        const code = type.includes('json')
          ? (JSON.parse(text ?? '{}') as { code?: string }).code
          : '';
        return `${row.route} as ${caller.label}: expected ${expected}, got ${response.status} ${code ?? ''}`.trimEnd();
      }
      if (response.status >= 400 && !type.includes('application/problem+json'))
        return `${row.route} as ${caller.label}: ${response.status} is not problem+json (${type})`;
      return undefined;
    });
  });
  const results = await inParallel(tasks, options.concurrency ?? 12);
  const report: MatrixReport = {
    mismatches: results.filter((result): result is string => result !== undefined),
    counts: {
      routes: options.rows.length,
      roles: ROLES.length,
      callers: callers.length,
      requests: tasks.length,
    },
  };
  const { routes, roles, requests } = report.counts;
  console.info(
    `access matrix: ${routes} routes × (${roles} roles × ${VARIANTS.length} scopes + ${HOSTILE.length} hostile tokens) = ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${report.mismatches.length} mismatches`,
  );
  return report;
}
