import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOfficeServer, rewriteLocation, targetOf } from './office-server';

const upstreams = { intake: 'http://intake:3101', identity: 'http://identity:3100' };

describe('where a request goes', () => {
  it('sends /api/<service>/… to that service with its query, the rest to the bundle', () => {
    expect(targetOf('/api/intake/arrival-lists/1/entries?status=pending', upstreams)).toEqual({
      kind: 'api',
      prefix: 'intake',
      upstream: 'http://intake:3101',
      url: 'http://intake:3101/arrival-lists/1/entries?status=pending',
    });
    expect(targetOf('/api/identity/dev/users', upstreams)).toMatchObject({
      url: 'http://identity:3100/dev/users',
    });
    expect(targetOf('/', upstreams)).toEqual({ kind: 'static', path: '/' });
    expect(targetOf('/assets/index-abc.js', upstreams)).toEqual({
      kind: 'static',
      path: '/assets/index-abc.js',
    });
    expect(targetOf('/health', upstreams)).toEqual({ kind: 'health' });
    expect(targetOf('/api/settings', upstreams)).toEqual({ kind: 'settings' });
  });

  it('refuses unknown services and paths that could climb out of the prefix', () => {
    expect(targetOf('/api/victims/x', upstreams)).toEqual({ kind: 'unknown-api' });
    expect(targetOf('/api/intake/../admin', upstreams)).toEqual({ kind: 'unknown-api' });
    expect(targetOf('/api/intake/a%2F..%2Fb', upstreams)).toEqual({ kind: 'unknown-api' });
    expect(targetOf('/apix', upstreams)).toEqual({ kind: 'unknown-api' });
  });

  it('rewrites a service Location to the same origin', () => {
    expect(rewriteLocation('/returnees/1', 'intake', 'http://intake:3101')).toBe(
      '/api/intake/returnees/1',
    );
    expect(rewriteLocation('http://intake:3101/cases/2', 'intake', 'http://intake:3101/')).toBe(
      '/api/intake/cases/2',
    );
  });
});

describe('the office server', () => {
  let upstream: Server;
  let office: Server;
  let base: string;
  let seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string };

  const listen = (server: Server) =>
    new Promise<number>((done) =>
      server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)),
    );

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen = { method: request.method, url: request.url, headers: request.headers, body };
        response.writeHead(request.url === '/returnees' ? 409 : 201, {
          'content-type': 'application/problem+json',
          location: '/returnees/abc',
          'set-cookie': 'x=1',
          ...(request.headers['idempotency-key'] ? { 'idempotent-replayed': 'true' } : {}),
        });
        response.end(JSON.stringify({ code: 'returnee.possible-duplicate' }));
      });
    });
    const upstreamPort = await listen(upstream);
    const dir = mkdtempSync(join(tmpdir(), 'office-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => undefined)');
    office = createOfficeServer({
      staticDir: dir,
      upstreams: { intake: `http://127.0.0.1:${upstreamPort}`, identity: 'http://127.0.0.1:9' },
      devLogin: true,
      maxBodyBytes: 1000,
    });
    base = `http://127.0.0.1:${await listen(office)}`;
  });
  afterAll(async () => {
    await new Promise((done) => office.close(done));
    await new Promise((done) => upstream.close(done));
  });

  it('forwards the token, body and language, never cookies; answers are not cached', async () => {
    const response = await fetch(`${base}/api/intake/returnees`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer t',
        'content-type': 'application/json',
        'accept-language': 'es',
        cookie: 'session=secret',
      },
      body: JSON.stringify({ dui: '1' }),
    });
    expect(response.status).toBe(409);
    expect(seen).toMatchObject({ method: 'POST', url: '/returnees', body: '{"dui":"1"}' });
    expect(seen.headers).toMatchObject({ authorization: 'Bearer t', 'accept-language': 'es' });
    expect(seen.headers?.cookie).toBeUndefined();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('location')).toBe('/api/intake/returnees/abc');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.json()).toEqual({ code: 'returnee.possible-duplicate' });
  });

  it("passes an offline queue's idempotency key on and says when intake replayed the answer", async () => {
    const response = await fetch(`${base}/api/intake/cases/c-1/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: '{}',
    });
    expect(seen.headers?.['idempotency-key']).toBe('k-1');
    expect(response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('serves the service worker fresh (never cached) as a script, from the root scope', async () => {
    const worker = await fetch(`${base}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toContain('text/javascript');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(await worker.text()).toContain('addEventListener');
  });

  it('answers problem+json when a service is down or a body too large', async () => {
    const down = await fetch(`${base}/api/identity/dev/users`);
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ code: 'gateway.upstream-unavailable' });
    const large = await fetch(`${base}/api/intake/arrival-lists`, {
      method: 'POST',
      body: 'x'.repeat(2000),
    });
    expect(large.status).toBe(413);
    expect((await fetch(`${base}/api/unknown/x`)).status).toBe(404);
  });

  it('serves the bundle with strict headers; unknown paths get the app, never files outside', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    const outside = await fetch(`${base}/..%2f..%2fetc%2fpasswd`);
    expect(await outside.text()).toContain('<title>app</title>');
    const settings = await fetch(`${base}/api/settings`);
    expect(await settings.json()).toEqual({ devLogin: true, oidc: null });
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it('offers the configured identity provider and lets the page reach that origin only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'office-web-oidc-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    const oidc = { issuer: 'https://idp.example:8443/realms/reintegra', clientId: 'office-web' };
    const server = createOfficeServer({ staticDir: dir, upstreams, devLogin: false, oidc });
    const url = `http://127.0.0.1:${await listen(server)}`;
    try {
      expect(await (await fetch(`${url}/api/settings`)).json()).toEqual({ devLogin: false, oidc });
      const csp = (await fetch(`${url}/`)).headers.get('content-security-policy');
      expect(csp).toContain("connect-src 'self' https://idp.example:8443;");
      expect(csp).toContain("default-src 'self';");
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
