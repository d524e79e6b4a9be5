import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * The office app's server: the built static bundle and a same-origin proxy to the services.
 *
 * Why a server of its own (node:http and fetch, no dependency) rather than each service serving
 * the bundle or the browser calling each service: the officers' browser talks to one origin only,
 * so the services need no CORS, the bearer token is never sent to another origin, and one strict
 * Content-Security-Policy (`'self'`) covers the whole app. The services stay as they are (their
 * HTTP APIs are unchanged); only this server knows where they run (upstream URLs from the
 * environment).
 */
export interface OfficeServerConfig {
  /** Directory of the built app (index.html and assets/). */
  staticDir: string;
  /** Upstream base URLs by the prefix the browser uses: /api/<prefix>/… → <url>/… */
  upstreams: Record<string, string>;
  /** Whether the login page offers the demo users of the development identity provider. */
  devLogin: boolean;
  /** The OpenID Connect provider the login page signs people in with (code + PKCE), if any. */
  oidc?: { issuer: string; clientId: string };
  /** Largest request body forwarded (arrival lists are the largest: 500 rows). */
  maxBodyBytes?: number;
  upstreamTimeoutMs?: number;
}

/** The API prefixes the app uses and the services they reach. */
export const API_PREFIXES = ['intake', 'employment', 'education', 'identity'] as const;

/** Response headers of every answer: only this origin's scripts, styles, images and fetches. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Request headers passed to a service; nothing else (cookies stay here). */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'if-match',
  'if-none-match',
  'idempotency-key',
  'x-correlation-id',
];
/** Response headers passed back to the browser. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-language',
  'etag',
  'idempotent-replayed',
  'location',
  'retry-after',
  'www-authenticate',
  'x-correlation-id',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type Target =
  | { kind: 'api'; prefix: string; upstream: string; url: string }
  | { kind: 'settings' }
  | { kind: 'health' }
  | { kind: 'unknown-api' }
  | { kind: 'static'; path: string };

/** Where a request goes, from its path and query (pure: no I/O). */
export function targetOf(rawUrl: string, upstreams: Record<string, string>): Target {
  const [pathname = '/', query] = rawUrl.split(/\?(.*)/s, 2);
  if (pathname === '/health') return { kind: 'health' };
  if (pathname === '/api/settings') return { kind: 'settings' };
  const api = /^\/api\/([a-z-]+)(\/.*)?$/.exec(pathname);
  if (api) {
    const [, prefix = '', rest = '/'] = api;
    const upstream = upstreams[prefix];
    // Encoded slashes or dot segments could climb out of the prefix on the service: refused.
    if (!upstream || /%2f|%5c|\/\.\.?(\/|$)/i.test(rest)) return { kind: 'unknown-api' };
    return {
      kind: 'api',
      prefix,
      upstream,
      url: `${upstream.replace(/\/$/, '')}${rest}${query ? `?${query}` : ''}`,
    };
  }
  if (pathname.startsWith('/api')) return { kind: 'unknown-api' };
  return { kind: 'static', path: pathname };
}

/** A service's Location (e.g. `/returnees/<id>`) as the browser must follow it (same origin). */
export function rewriteLocation(location: string, prefix: string, upstream: string): string {
  const base = upstream.replace(/\/$/, '');
  const path = location.startsWith(base) ? location.slice(base.length) : location;
  return path.startsWith('/') ? `/api/${prefix}${path}` : path;
}

function problem(response: ServerResponse, status: number, code: string, es: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify({ type: `urn:reintegra:problem:${code}`, status, code, title: es }));
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function proxy(
  request: IncomingMessage,
  response: ServerResponse,
  target: Extract<Target, { kind: 'api' }>,
  config: OfficeServerConfig,
): Promise<void> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readBody(request, config.maxBodyBytes ?? 5 * 1024 * 1024);
    if (read === 'too-large')
      return problem(response, 413, 'request.too-large', 'La solicitud es demasiado grande.');
    body = read;
  }
  let upstream: Response;
  try {
    upstream = await fetch(target.url, {
      method,
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(config.upstreamTimeoutMs ?? 30_000),
    });
  } catch {
    return problem(
      response,
      502,
      'gateway.upstream-unavailable',
      'El servicio no responde. Intente de nuevo en unos minutos.',
    );
  }
  const out: Record<string, string> = { ...SECURITY_HEADERS, 'cache-control': 'no-store' };
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value === null) continue;
    out[name] =
      name === 'location' ? rewriteLocation(value, target.prefix, target.upstream) : value;
  }
  const payload = Buffer.from(await upstream.arrayBuffer());
  out['content-length'] = String(payload.length);
  response.writeHead(upstream.status, out);
  response.end(method === 'HEAD' ? undefined : payload);
}

/** The page itself fetches the identity provider's discovery document and token: that origin too. */
function pageHeaders(config: OfficeServerConfig): Record<string, string> {
  if (!config.oidc) return { ...SECURITY_HEADERS };
  const csp = SECURITY_HEADERS['content-security-policy'] ?? '';
  const provider = new URL(config.oidc.issuer).origin;
  return {
    ...SECURITY_HEADERS,
    'content-security-policy': csp.replace("connect-src 'self'", `connect-src 'self' ${provider}`),
  };
}

async function serveStatic(
  response: ServerResponse,
  path: string,
  config: OfficeServerConfig,
  method: string,
): Promise<void> {
  const root = resolve(config.staticDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return problem(response, 400, 'request.malformed', 'La solicitud está mal formada.');
  }
  let file = resolve(join(root, normalize(decoded)));
  if (file !== root && !file.startsWith(root + sep)) file = join(root, 'index.html');
  const found = await stat(file).catch(() => undefined);
  // Unknown paths are the app's (hash routes): index.html.
  if (!found || found.isDirectory()) file = join(root, 'index.html');
  const content = await readFile(file).catch(() => undefined);
  if (!content) return problem(response, 404, 'route.not-found', 'Recurso no encontrado.');
  const hashed = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    ...pageHeaders(config),
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(content.length),
    // Built assets carry a content hash in their names; index.html must always be fresh.
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(method === 'HEAD' ? undefined : content);
}

export function createOfficeServer(config: OfficeServerConfig): Server {
  return createServer((request, response) => {
    const method = request.method ?? 'GET';
    const target = targetOf(request.url ?? '/', config.upstreams);
    const handle = async () => {
      switch (target.kind) {
        case 'health':
          response.writeHead(200, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
          });
          return void response.end(JSON.stringify({ status: 'ok' }));
        case 'settings':
          response.writeHead(200, {
            ...SECURITY_HEADERS,
            'content-type': 'application/json',
            'cache-control': 'no-store',
          });
          return void response.end(
            JSON.stringify({ devLogin: config.devLogin, oidc: config.oidc ?? null }),
          );
        case 'unknown-api':
          return problem(response, 404, 'route.not-found', 'Recurso no encontrado.');
        case 'api':
          if (target.prefix === 'identity' && !config.devLogin)
            return problem(response, 404, 'route.not-found', 'Recurso no encontrado.');
          return proxy(request, response, target, config);
        case 'static':
          if (method !== 'GET' && method !== 'HEAD')
            return problem(response, 405, 'request.method-not-allowed', 'Método no permitido.');
          return serveStatic(response, target.path, config, method);
      }
    };
    handle().catch(() => {
      if (!response.headersSent) problem(response, 500, 'server.error', 'Error interno.');
      else response.destroy();
    });
  });
}
