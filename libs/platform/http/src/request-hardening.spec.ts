import 'reflect-metadata';
import { Body, Controller, Get, type INestApplication, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { z } from 'zod';
import { problemDetailsProvider } from './bootstrap';
import { configureHttpApp } from './http-app';
import { ValidBody, ValidQuery } from './request-decorators';
import { MAX_JSON_DEPTH, textRuleIssues } from './request-hardening';

const calls: unknown[] = [];

const noteRequest = z.object({
  name: z.string().min(1),
  tags: z.array(z.object({ label: z.string() })).default([]),
});

@Controller()
class HardenedController {
  @Post('notes')
  create(@ValidBody(noteRequest) body: z.infer<typeof noteRequest>) {
    calls.push(body);
    return body;
  }

  @Get('notes')
  search(@ValidQuery(z.object({ q: z.string().optional() })) query: { q?: string }) {
    return query;
  }

  @Post('uploads')
  upload(@Body() body: unknown) {
    return { received: typeof body };
  }

  @Post('files/:id')
  file(@Body() body: unknown) {
    return { bytes: Buffer.isBuffer(body) ? body.length : -1 };
  }

  @Post('stored')
  store() {
    // What pg raises for a NUL byte reaching a text column (SQLSTATE 22021).
    throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00 near "Ana"'), {
      name: 'QueryFailedError',
      code: '22021',
    });
  }

  @Post('checked')
  check() {
    // What pg raises when a row breaks a check constraint (SQLSTATE 23514).
    throw Object.assign(new Error('new row violates check constraint "ages_in_order"'), {
      name: 'QueryFailedError',
      code: '23514',
    });
  }

  @Post('duplicate')
  duplicate() {
    // A unique violation is not the caller's input alone (a race, a bug): still a server error.
    throw Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      code: '23505',
    });
  }
}

@Module({ controllers: [HardenedController], providers: [problemDetailsProvider] })
class HardenedModule {}

let app: INestApplication;
const http = () => request(app.getHttpServer());
const nested = (depth: number) => `{"name":"a","tags":${'['.repeat(depth)}${']'.repeat(depth)}}`;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [HardenedModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  configureHttpApp(app, {
    api: { title: 'Hardened', description: 'test' },
    largeBodyRoutes: [{ path: '/uploads', limit: '1mb' }],
    binaryBodyRoutes: [{ path: '/files/:id', types: ['application/pdf'], limit: '1kb' }],
  });
  await app.init();
});

afterAll(() => app.close());

beforeEach(() => {
  calls.length = 0;
});

describe('JSON-only bodies', () => {
  it('refuses a form post with 415 problem+json before any handler runs', async () => {
    const response = await http().post('/notes').type('form').send('name=cierre');
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('request.unsupported-media-type');
    expect(calls).toEqual([]);
  });

  it('refuses text/plain and CSV on ordinary routes, accepts CSV on a large-body route', async () => {
    expect((await http().post('/notes').type('text/plain').send('name')).status).toBe(415);
    expect((await http().post('/notes').type('text/csv').send('a,b')).status).toBe(415);
    const csv = await http().post('/uploads').type('text/csv').send('a,b\n1,2');
    expect(csv.status).toBe(201);
    expect(csv.body).toEqual({ received: 'string' });
  });

  it('still takes JSON and bodiless posts', async () => {
    expect((await http().post('/notes').send({ name: 'Ana' })).status).toBe(201);
    expect((await http().post('/uploads')).status).toBe(201);
  });
});

describe('binary-body routes', () => {
  it('take the declared bytes as a Buffer on exactly their path, up to their limit', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake');
    const taken = await http().post('/files/7').type('application/pdf').send(pdf);
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ bytes: pdf.length });
    expect((await http().post('/notes').type('application/pdf').send(pdf)).status).toBe(415);
    expect((await http().post('/files/7/x').type('application/pdf').send(pdf)).status).toBe(415);
    expect((await http().post('/files/7').type('image/gif').send(pdf)).status).toBe(415);
    const large = await http().post('/files/7').type('application/pdf').send(Buffer.alloc(2048));
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('request.too-large');
  });
});

describe('JSON depth', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more with 400 problem+json`, async () => {
    const ok = await http()
      .post('/notes')
      .type('json')
      .send(nested(MAX_JSON_DEPTH - 1));
    expect(ok.status).toBe(400); // nested arrays are not tag objects: the schema speaks, not depth
    expect(ok.body.code).toBe('request.invalid');
    const deep = await http().post('/notes').type('json').send(nested(MAX_JSON_DEPTH));
    expect(deep.status).toBe(400);
    expect(deep.body.code).toBe('request.malformed');
    expect(deep.body.detail).toMatch(/nested deeper/);
  });

  it('refuses 20,000 nested arrays (a 40 KB body) without overflowing, on large routes too', async () => {
    for (const path of ['/notes', '/uploads']) {
      const response = await http().post(path).type('json').send(nested(20_000));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('request.malformed');
    }
  });

  it('counts brackets inside strings as text, not nesting', async () => {
    const name = '['.repeat(100);
    const response = await http().post('/notes').send({ name });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe(name);
  });
});

describe('the text rule', () => {
  it('names every field holding a NUL or a lone surrogate, at any depth', async () => {
    const response = await http()
      .post('/notes')
      .send({ name: 'Ana\u0000', tags: [{ label: 'ok' }, { label: 'x\ud800' }] });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('request.invalid');
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields.sort()).toEqual(['name', 'tags.1.label']);
    expect(calls).toEqual([]);
  });

  it('applies to query strings and keys too, and lets paired surrogates (emoji) through', async () => {
    expect((await http().get('/notes').query({ q: 'a\u0000' })).status).toBe(400);
    expect((await http().get('/notes').query({ q: 'familia 👨‍👩‍👧' })).status).toBe(200);
    expect(textRuleIssues({ ['k\udc00']: 'v' }).map((issue) => issue.path)).toEqual([['k\udc00']]);
  });

  it('answers in English when asked', async () => {
    const response = await http()
      .post('/notes')
      .set('Accept-Language', 'en')
      .send({ name: '\ud83d' });
    expect(response.body.errors[0].message).toMatch(/lone UTF-16 surrogate/);
  });
});

describe('database input errors', () => {
  it('are 422 problem+json, never 500, and never quote the value', async () => {
    const response = await http().post('/stored').send({});
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('request.value-not-storable');
    expect(JSON.stringify(response.body)).not.toContain('Ana');
  });

  it('a broken check constraint is 422 values-inconsistent; other constraint errors stay 500', async () => {
    const checked = await http().post('/checked').send({});
    expect(checked.status).toBe(422);
    expect(checked.body.code).toBe('request.values-inconsistent');
    expect(JSON.stringify(checked.body)).not.toContain('ages_in_order');
    expect((await http().post('/duplicate').send({})).status).toBe(500);
  });
});

describe('answer headers', () => {
  it('are never cached, framed or sniffed and do not name the framework', async () => {
    for (const response of [
      await http().get('/notes'),
      await http().post('/notes').type('form').send('x=1'),
      await http().get('/missing'),
    ]) {
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // No automatic content ETag: only a resource's version may be one (If-Match must match it).
      expect(response.headers['etag']).toBeUndefined();
    }
  });
});
