import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceToken } from './service-token';

let server: Server;
let url: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      asked.push(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ access_token: `token-${asked.length}`, expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (asked.length = 0));

describe('ServiceToken', () => {
  it('shows the configured token and never asks the development identity', async () => {
    const token = new ServiceToken({
      accessToken: 'configured',
      devIdentityUrl: url,
      devUser: 'servicio-avisos',
      variable: 'X_TOKEN',
    });
    expect(await token.value()).toBe('configured');
    expect(asked).toEqual([]);
  });

  it('fetches the demo user’s token once, and again after forget()', async () => {
    const token = new ServiceToken({
      devIdentityUrl: url,
      devUser: 'servicio-avisos',
      variable: 'X',
    });
    expect(await token.value()).toBe('token-1');
    expect(await token.value()).toBe('token-1');
    token.forget();
    expect(await token.value()).toBe('token-2');
    expect(asked.map((body) => JSON.parse(body))).toEqual([
      { user: 'servicio-avisos' },
      { user: 'servicio-avisos' },
    ]);
  });

  it('names the missing variable when there is neither a token nor a development identity', async () => {
    await expect(
      new ServiceToken({ devUser: 'servicio-avisos', variable: 'INTAKE_ACCESS_TOKEN' }).value(),
    ).rejects.toThrow('INTAKE_ACCESS_TOKEN is not set');
  });
});
