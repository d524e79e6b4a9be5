import express from 'express';
import request from 'supertest';
import { failedAuthThrottle } from './failed-auth-throttle';

/** A route that refuses any token but "good", and counts how often it really ran. */
function appWith(limit: number, windowMs: number) {
  const app = express();
  app.set('trust proxy', true); // lets the test speak from several addresses
  let ran = 0;
  app.use(failedAuthThrottle({ limit, windowMs }));
  app.get('/cases', (req, res) => {
    ran++;
    res.status(req.get('authorization') === 'Bearer good' ? 200 : 401).end();
  });
  return { app, ran: () => ran };
}

describe('failed-auth throttle', () => {
  it('answers 429 problem+json with Retry-After once an address used up its refusals', async () => {
    const { app, ran } = appWith(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect((await request(app).get('/cases').set('authorization', 'Bearer bad')).status).toBe(
        401,
      );
    }
    const blocked = await request(app).get('/cases').set('authorization', 'Bearer bad');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(blocked.body.code).toBe('auth.too-many-failures');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Blocked before the handler (and any token check or audit write) ran, good token or not.
    expect((await request(app).get('/cases').set('authorization', 'Bearer good')).status).toBe(429);
    expect(ran()).toBe(3);
  });

  it('counts only refusals, and per address', async () => {
    const { app } = appWith(2, 60_000);
    for (let i = 0; i < 10; i++) {
      expect((await request(app).get('/cases').set('authorization', 'Bearer good')).status).toBe(
        200,
      );
    }
    const from = (address: string) =>
      request(app).get('/cases').set('x-forwarded-for', address).set('authorization', 'x');
    await from('10.0.0.1');
    await from('10.0.0.1');
    expect((await from('10.0.0.1')).status).toBe(429);
    expect((await from('10.0.0.2')).status).toBe(401);
  });

  it('lets the address in again when its window ends', async () => {
    const { app } = appWith(1, 200);
    await request(app).get('/cases');
    expect((await request(app).get('/cases')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await request(app).get('/cases').set('authorization', 'Bearer good')).status).toBe(200);
  });
});
