import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from './webhook-sender';

describe('webhook sender', () => {
  let server: Server;
  let port = 0;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(String(req.headers['webhook-id']));
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = (url: string, mode: 'test' | 'production', id: string) =>
    postWebhook(url, '{}', { 'webhook-id': id }, { mode, timeoutMs: 2000 });

  it('delivers to a local receiver outside production and reports its answer', async () => {
    await expect(post(`http://127.0.0.1:${port}/ok`, 'test', 'a')).resolves.toEqual({
      ok: true,
      statusCode: 204,
    });
    await expect(post(`http://127.0.0.1:${port}/fail`, 'test', 'b')).resolves.toMatchObject({
      ok: false,
      statusCode: 500,
      error: 'HTTP 500',
    });
  });

  it('never connects to a loopback address in production, by literal or by name (DNS rebinding)', async () => {
    const before = received.length;
    await expect(post(`http://127.0.0.1:${port}/ok`, 'production', 'c')).resolves.toMatchObject({
      ok: false,
      error: expect.stringContaining('not allowed'),
    });
    await expect(post(`http://localhost:${port}/ok`, 'production', 'd')).resolves.toMatchObject({
      ok: false,
      error: expect.stringContaining('not allowed'),
    });
    expect(received.length).toBe(before);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const result = await postWebhook(
      `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      '{}',
      {},
      { mode: 'test', timeoutMs: 200 },
    );
    silent.closeAllConnections();
    silent.close();
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('no answer') });
  });
});
