import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource, type QueryRunner } from 'typeorm';
import { ConflictError, UnprocessableError } from '@reintegra/platform-errors';
import { bilingual, RequestValidationError } from '@reintegra/platform-http';

/**
 * Idempotency keys on creating routes (IETF draft-ietf-httpapi-idempotency-key-header): a client
 * that may send a request twice — the office app replaying its offline queue, a retry after a lost
 * answer — sends `Idempotency-Key: <unique>`; the second time it gets the first answer again
 * (`Idempotent-Replayed: true`) and nothing happens twice.
 *
 * The key is claimed (in-progress) before the handler runs and completed with the answer after
 * its transaction committed; a failure releases it, so a retry runs again and meets the same
 * refusal (4xx answers are not stored: they repeat by themselves). If the process dies between the
 * effect's commit and the completion, the claim lapses after CLAIM_LEASE_SECONDS and a retry runs
 * again: intake then refuses the double by the person's DUI or arrival-list entry (409), which the
 * office app shows as a conflict — the one case where the key alone does not answer.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[\x21-\x7e]{1,200}$/;
const CLAIM_LEASE_SECONDS = 60;
export const IDEMPOTENCY_TTL_HOURS = 24;
/** Answer headers replayed with the body (where the created thing is, and its version). */
const REPLAYED_HEADERS = ['location', 'etag'];

/** Creates the keys table, in a service's migration (`up`). */
export async function createIdempotencyTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE idempotency_keys (
      caller       text NOT NULL,
      key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      route        text NOT NULL,
      fingerprint  text NOT NULL,
      state        text NOT NULL CHECK (state IN ('in-progress', 'completed')),
      status       int,
      headers      jsonb NOT NULL DEFAULT '{}',
      body         jsonb,
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (caller, key)
    )`);
  await queryRunner.query(
    `CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`,
  );
}

export async function dropIdempotencyTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE idempotency_keys`);
}

/** JSON with object keys sorted, so the same request always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, item]) => `${JSON.stringify(k)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": route, path parameters and body. */
export function requestFingerprint(route: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(canonical({ route, params, body })).digest('hex');
}

/** The key of a request, or undefined when it has none; 400 when it is malformed. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new RequestValidationError([
      {
        code: 'custom',
        path: [IDEMPOTENCY_HEADER],
        message: bilingual(
          'La clave de idempotencia debe tener de 1 a 200 caracteres visibles (p. ej. un UUID).',
          'The idempotency key must be 1 to 200 visible characters (e.g. a UUID).',
        ),
        input: undefined,
      },
    ]);
  }
  return header;
}

interface StoredKey {
  route: string;
  fingerprint: string;
  state: 'in-progress' | 'completed';
  status: number | null;
  headers: Record<string, string>;
  body: unknown;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { actor?: { subject: string } }>();
    const key = idempotencyKeyOf(request.get(IDEMPOTENCY_HEADER));
    if (key === undefined) return next.handle();
    const response = http.getResponse<Response>();
    const caller = request.actor?.subject ?? 'anonymous';
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path}`;
    const fingerprint = requestFingerprint(route, request.params, request.body);
    const defaultStatus =
      Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return from(
      this.run(caller, key, route, fingerprint, response, defaultStatus, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    );
  }

  private async run(
    caller: string,
    key: string,
    route: string,
    fingerprint: string,
    response: Response,
    defaultStatus: number,
    handle: () => Promise<unknown>,
  ): Promise<unknown> {
    const stored = await this.claim(caller, key, route, fingerprint);
    if (stored) return this.replay(stored, fingerprint, response);
    let body: unknown;
    try {
      body = await handle();
    } catch (error) {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2`, [
        caller,
        key,
      ]);
      throw error;
    }
    const status = response.statusCode !== HttpStatus.OK ? response.statusCode : defaultStatus;
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((name) => {
        const value = response.getHeader(name);
        return value === undefined ? [] : [[name, String(value)]];
      }),
    );
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', status = $3, headers = $4, body = $5
        WHERE caller = $1 AND key = $2`,
      [caller, key, status, JSON.stringify(headers), JSON.stringify(body ?? null)],
    );
    return body;
  }

  /** Claims the key (undefined: ours to run) or returns what it already holds. */
  private async claim(
    caller: string,
    key: string,
    route: string,
    fingerprint: string,
  ): Promise<StoredKey | undefined> {
    // Expired keys, and claims whose process died mid-request, no longer hold their key.
    await this.dataSource.query(
      `DELETE FROM idempotency_keys
        WHERE caller = $1 AND key = $2
          AND (created_at < now() - make_interval(hours => $3)
               OR (state = 'in-progress' AND created_at < now() - make_interval(secs => $4)))`,
      [caller, key, IDEMPOTENCY_TTL_HOURS, CLAIM_LEASE_SECONDS],
    );
    const claimed = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (caller, key, route, fingerprint, state)
       VALUES ($1, $2, $3, $4, 'in-progress')
       ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
      [caller, key, route, fingerprint],
    )) as unknown[];
    if (claimed.length > 0) return undefined;
    const [stored] = (await this.dataSource.query(
      `SELECT route, fingerprint, state, status, headers, body
         FROM idempotency_keys WHERE caller = $1 AND key = $2`,
      [caller, key],
    )) as StoredKey[];
    // Gone between the two statements (released by a failure): treat as still being decided.
    return (
      stored ?? { route, fingerprint, state: 'in-progress', status: null, headers: {}, body: null }
    );
  }

  private replay(stored: StoredKey, fingerprint: string, response: Response): unknown {
    if (stored.fingerprint !== fingerprint) {
      throw new UnprocessableError('idempotency.key-reused', {
        es: 'Esa clave de idempotencia ya se usó para otra solicitud. Use una clave nueva para cada solicitud distinta.',
        en: 'That idempotency key was already used for a different request. Use a new key for each distinct request.',
      });
    }
    if (stored.state === 'in-progress') {
      response.setHeader('Retry-After', '1');
      throw new ConflictError('idempotency.in-progress', {
        es: 'La misma solicitud todavía se está procesando. Intente de nuevo en un momento.',
        en: 'The same request is still being processed. Try again in a moment.',
      });
    }
    for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    response.status(stored.status ?? HttpStatus.OK);
    return stored.body;
  }
}

/**
 * Makes a creating route idempotent by key (optional header: without it the route behaves as
 * before) and documents the header. The service needs the `idempotency_keys` table.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: `Unique per request (e.g. a UUID): sent again, the first answer is replayed (Idempotent-Replayed: true) and nothing happens twice. Kept ${IDEMPOTENCY_TTL_HOURS} h. Same key with another body → 422; while the first is running → 409 + Retry-After.`,
    }),
  );
}
