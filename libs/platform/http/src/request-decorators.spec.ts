import 'reflect-metadata';
import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  type INestApplication,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi/document';
import { CorrelationId, UuidParam, ValidBody, ValidQuery } from './request-decorators';
import { RequestValidationError } from './zod-validation.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const thingRequest = z.object({
  name: z.string().min(1).describe('Name of the thing'),
  size: z.enum(['s', 'm']).optional(),
});
type ThingRequest = z.infer<typeof thingRequest>;
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(25) });

@Controller('things')
class ThingsController {
  @Post()
  create(@ValidBody(thingRequest) body: ThingRequest, @CorrelationId() correlationId: string) {
    return { body, correlationId };
  }

  @Post(':id/copies')
  copy(@UuidParam('id') id: string, @ValidQuery(listQuery) query: z.infer<typeof listQuery>) {
    return { id, query };
  }
}

/** Keeps what the handler threw, so the test sees the error itself (not its HTTP rendering). */
@Catch()
class CapturingFilter implements ExceptionFilter {
  readonly caught: unknown[] = [];

  catch(exception: unknown, host: ArgumentsHost): void {
    this.caught.push(exception);
    host.switchToHttp().getResponse<Response>().status(400).json({ caught: true });
  }
}

let app: INestApplication;
let document: OpenAPIObject;
const filter = new CapturingFilter();

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(filter);
  await app.init();
  document = buildOpenApiDocument(app, { title: 'Things', description: 'Things API' });
});

afterAll(() => app.close());

beforeEach(() => {
  filter.caught.length = 0;
});

describe('@ValidBody', () => {
  it('hands the handler the parsed body', async () => {
    const response = await request(app.getHttpServer())
      .post('/things')
      .send({ name: 'mesa', unknown: 1 });
    expect(response.status).toBe(201);
    expect(response.body.body).toEqual({ name: 'mesa' });
    expect(filter.caught).toEqual([]);
  });

  it('refuses a bad body with a RequestValidationError naming the field', async () => {
    const response = await request(app.getHttpServer())
      .post('/things')
      .send({ name: '', size: 'xl' });
    expect(response.status).toBe(400);
    expect(filter.caught).toHaveLength(1);
    const [error] = filter.caught;
    expect(error).toBeInstanceOf(RequestValidationError);
    const fields = (error as RequestValidationError).fieldErrors.map((issue) => issue.field);
    expect(fields.sort()).toEqual(['name', 'size']);
  });

  it('documents the body in the OpenAPI document from the same schema', () => {
    const body = document.paths['/things']?.post?.requestBody as {
      required: boolean;
      content: Record<string, { schema: Record<string, unknown> }>;
    };
    expect(body.required).toBe(true);
    expect(body.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, description: 'Name of the thing' },
        size: { type: 'string', enum: ['s', 'm'] },
      },
    });
  });
});

describe('@ValidQuery and @UuidParam', () => {
  it('validate and document the query and the path parameter', async () => {
    const id = '3f0c6d3e-8a4b-4f7e-9d2a-1b2c3d4e5f60';
    const ok = await request(app.getHttpServer()).post(`/things/${id}/copies?limit=3`);
    expect(ok.body).toEqual({ id, query: { limit: 3 } });

    const bad = await request(app.getHttpServer()).post('/things/not-a-uuid/copies?limit=0');
    expect(bad.status).toBe(400);
    expect(filter.caught[0]).toBeInstanceOf(RequestValidationError);

    const parameters = (document.paths['/things/{id}/copies']?.post?.parameters ?? []) as Array<{
      name: string;
      in: string;
    }>;
    expect(parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'limit', in: 'query' }),
        expect.objectContaining({ name: 'id', in: 'path' }),
      ]),
    );
  });
});

describe('@CorrelationId', () => {
  it('keeps a UUID x-correlation-id', async () => {
    const correlationId = '0b8e7a52-5a3e-4c1f-8f0e-2d7c9b6a4e31';
    const response = await request(app.getHttpServer())
      .post('/things')
      .set('x-correlation-id', correlationId)
      .send({ name: 'mesa' });
    expect(response.body.correlationId).toBe(correlationId);
  });

  it('replaces a header that is not a UUID, or a missing one, with a new UUID', async () => {
    const forged = await request(app.getHttpServer())
      .post('/things')
      .set('x-correlation-id', "1' OR '1'='1")
      .send({ name: 'mesa' });
    expect(forged.body.correlationId).toMatch(UUID);
    expect(forged.body.correlationId).not.toBe("1' OR '1'='1");

    const missing = await request(app.getHttpServer()).post('/things').send({ name: 'mesa' });
    const again = await request(app.getHttpServer()).post('/things').send({ name: 'mesa' });
    expect(missing.body.correlationId).toMatch(UUID);
    expect(again.body.correlationId).not.toBe(missing.body.correlationId);
  });
});
