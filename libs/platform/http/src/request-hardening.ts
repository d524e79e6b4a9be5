import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { bilingual } from './localized-issues';

/**
 * Rules every request and answer of every service passes, whatever the route: found by an outside
 * probe (issue 20) and fixed here once, not per route.
 */

/** Deepest JSON nesting a body may have; the deepest contract is far below it. */
export const MAX_JSON_DEPTH = 32;

/**
 * Body-parser `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH before it is parsed,
 * so no parser or recursive walker further on can overflow the stack (a 40 KB body of 20,000
 * nested arrays did). One linear pass over the raw bytes, strings skipped.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), {
          status: 400,
          type: 'entity.too-deep',
        });
      }
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
}

const NUL_OR_LONE_SURROGATE = bilingual(
  'El texto contiene caracteres no permitidos (carácter nulo o sustituto UTF-16 suelto).',
  'The text contains characters that are not allowed (a NUL or a lone UTF-16 surrogate).',
);

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The one text rule for every field of every body and query: no NUL and no lone UTF-16 surrogate.
 * PostgreSQL refuses both, so without this rule they surfaced as 500s on 17 write routes.
 * Returns zod-shaped issues so the caller gets them beside the other field errors.
 */
export function textRuleIssues(value: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  // Iterative: the depth is bounded by the parser, but query objects and tests bypass it.
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop() as { value: unknown; path: PropertyKey[] };
    if (typeof current === 'string') {
      if (current.includes('\u0000') || LONE_SURROGATE.test(current)) {
        issues.push({
          code: 'custom',
          path: path as (string | number)[],
          message: NUL_OR_LONE_SURROGATE,
          input: undefined,
        });
      }
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        pending.push({ value: key, path: [...path, key] });
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return issues;
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/** `/cases/:caseId/documents` → a regular expression; `exact` leaves out the paths below it. */
function pathPattern({ path, exact }: { path: string; exact?: boolean }): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}${exact ? '' : '(?:/.*)?'}$`);
}

/**
 * JSON only: a body of any other type (form posts above all — a cross-site form with a stolen
 * session could close a case or erase a care record) is refused with 415 before a parser reads
 * it. `alsoAccepted` lists the routes that also take another type (CSV uploads).
 */
export function requireJsonBodies(
  alsoAccepted: readonly { path: string; types: string[]; exact?: boolean }[],
) {
  const routes = alsoAccepted.map((route) => ({ ...route, pattern: pathPattern(route) }));
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (!hasBody(request)) return next();
    const types = ['application/json', 'application/*+json'];
    for (const route of routes) {
      if (route.pattern.test(request.path)) types.push(...route.types);
    }
    if (request.is(types)) return next();
    next(
      Object.assign(new Error('Only JSON bodies are accepted'), {
        status: 415,
        type: 'entity.unsupported-type',
      }),
    );
  };
}

/**
 * Headers of every answer: never cached (answers carry personal data; static assets that may be
 * cached set their own Cache-Control after this), never framed, never sniffed, no referrer. The
 * CSP fits the JSON APIs, the API document and the dashboard's bundle served by supervisor-api.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    // Swagger UI at /docs sets inline styles; no inline scripts anywhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  next();
}
