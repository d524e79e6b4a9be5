import 'reflect-metadata';
import SwaggerParser from '@apidevtools/swagger-parser';
import {
  Body,
  Controller,
  Get,
  Headers,
  Module,
  Param,
  Patch,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import { EMPTY } from 'rxjs';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { Public, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonBody,
  ApiJsonResponse,
  ApiOwnBearerAuth,
  ApiProblems,
  ApiQueryParams,
} from './decorators';
import { buildOpenApiDocument, type DocumentedOperation } from './document';

const thingSchema = z.object({
  name: z.string().min(1).describe('Name of the thing'),
  size: z.enum(['s', 'm']).optional(),
  due: z.iso.date().optional(),
});
const createdSchema = z.object({ id: z.uuid(), links: z.object({ self: z.string() }) });
const listQuerySchema = z.object({
  q: z.string().optional().describe('Text search'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

@Controller('things')
@Roles('intake-officer')
class ThingsController {
  @Post()
  @ApiJsonBody(thingSchema, { alsoAccepts: ['text/csv'] })
  @ApiJsonResponse(201, createdSchema, { description: 'Created', headers: ['Location'] })
  @ApiProblems({ 409: 'Already there' })
  create(@Body() body: unknown, @Headers('x-correlation-id') _correlationId?: string) {
    return body;
  }

  @Get()
  @Roles('supervisor', 'national-supervisor')
  @ApiQueryParams(listQuerySchema)
  list(@Query() query: unknown) {
    return query;
  }

  @Patch(':id')
  @ApiJsonBody(thingSchema.partial())
  @ApiJsonResponse(200, createdSchema, { headers: ['ETag'] })
  update(@Param('id') id: string, @Headers('if-match') _ifMatch?: string) {
    return id;
  }
}

@Public()
@Controller('open')
class OpenController {
  @Get()
  hello() {
    return 'hi';
  }

  @Sse('events')
  events() {
    return EMPTY;
  }
}

@Public()
@ApiOwnBearerAuth(['partner'])
@Controller('agency')
class AgencyController {
  @Get()
  me() {
    return 'agency';
  }
}

@Controller('bundled')
class BundledController {
  @Patch(':id')
  update(@Param('id') id: string, @Headers('if-match') _ifMatch?: string) {
    return id;
  }
}
// As in the services' webpack bundles: no emitted parameter types for Swagger to read.
Reflect.deleteMetadata('design:paramtypes', BundledController.prototype, 'update');

@Module({ controllers: [ThingsController, OpenController, AgencyController, BundledController] })
class ThingsModule {}

let document: OpenAPIObject;

beforeAll(async () => {
  const app = await NestFactory.create(ThingsModule, { logger: false });
  document = buildOpenApiDocument(app, { title: 'Things', description: 'Things API' });
  await app.close();
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    // The validator dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    const broken = structuredClone(document);
    (broken.paths['/things']?.post?.responses as Record<string, unknown>)['201'] = { content: 1 };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info).toMatchObject({ title: 'Things', description: 'Things API' });
  });

  it('takes request and response schemas from the zod schemas', () => {
    const create = document.paths['/things']?.post;
    const body = create?.requestBody as { content: Record<string, { schema: unknown }> };
    expect(body.content['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, description: 'Name of the thing' } },
      required: ['name'],
    });
    expect(body.content['text/csv']?.schema).toEqual({ type: 'string' });
    expect(create?.responses['201']).toMatchObject({
      description: 'Created',
      headers: { Location: expect.any(Object) },
      content: { 'application/json': { schema: { properties: { id: { format: 'uuid' } } } } },
    });
  });

  it('documents query parameters from the zod query schema, defaults and bounds included', () => {
    const parameters = document.paths['/things']?.get?.parameters ?? [];
    expect(parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'q', in: 'query', required: false }),
        expect.objectContaining({
          name: 'limit',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ maximum: 100, default: 25 }),
        }),
      ]),
    );
  });

  it('answers every error as problem+json, with the shared ProblemDetails schema', () => {
    expect(document.components?.schemas?.['ProblemDetails']).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'code', 'instance']),
    });
    const responses = document.paths['/things']?.post?.responses ?? {};
    for (const status of ['400', '401', '403', '409', '413', '500']) {
      expect(responses[status]).toMatchObject({
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
        },
      });
    }
  });

  it('requires the bearer token except on public routes, and names the roles allowed', () => {
    expect(document.components?.securitySchemes?.['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.security).toEqual([{ bearer: [] }]);
    const open = document.paths['/open']?.get;
    expect(open?.security).toEqual([]);
    expect(open?.responses['401']).toBeUndefined();
    const operation = (method: 'get' | 'post') =>
      document.paths['/things']?.[method] as DocumentedOperation;
    expect(operation('get')['x-roles']).toEqual(['supervisor', 'national-supervisor']);
    expect(operation('post')['x-roles']).toEqual(['intake-officer']);
  });

  it('makes If-Match required and the correlation id optional', () => {
    const header = (path: string, method: 'post' | 'patch', name: string) =>
      (
        document.paths[path]?.[method]?.parameters as Array<{ name: string; required: boolean }>
      ).find((parameter) => parameter.name === name);
    expect(header('/things/{id}', 'patch', 'if-match')?.required).toBe(true);
    expect(header('/things', 'post', 'x-correlation-id')?.required).toBe(false);
  });

  it('lists the refusals the shared mechanisms give each kind of operation', () => {
    const statuses = (path: string, method: 'get' | 'post' | 'patch') =>
      Object.keys(document.paths[path]?.[method]?.responses ?? {});
    // A named record (path parameter) may not exist; a write may conflict with its state; a
    // body may be refused (not JSON, or by a rule); If-Match brings 412 and 428.
    expect(statuses('/things/{id}', 'patch')).toEqual(
      expect.arrayContaining(['404', '409', '412', '415', '422', '428']),
    );
    expect(statuses('/things', 'post')).toEqual(expect.arrayContaining(['409', '415', '422']));
    expect(statuses('/things', 'post')).not.toContain('404');
    expect(statuses('/things', 'post')).not.toContain('412');
    expect(statuses('/things', 'get')).not.toContain('404');
    expect(statuses('/things', 'get')).not.toContain('409');
    // The operation's own wording wins over the shared one.
    expect(document.paths['/things']?.post?.responses['409']).toMatchObject({
      description: 'Already there',
    });
  });

  it('keeps the own credentials of a route public to the access guard', () => {
    const me = document.paths['/agency']?.get as DocumentedOperation;
    expect(me.security).toEqual([{ bearer: [] }]);
    expect(me['x-roles']).toEqual(['partner']);
    expect(Object.keys(me.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });

  it("documents dates by their format alone (no copy of zod's regular expression)", () => {
    const body = document.paths['/things']?.post?.requestBody as {
      content: Record<string, { schema: { properties: Record<string, object> } }>;
    };
    const due = body.content['application/json']?.schema.properties['due'];
    expect(due).toMatchObject({ type: 'string', format: 'date' });
    expect(due).not.toHaveProperty('pattern');
  });

  it('documents a server-sent event route as a stream', () => {
    expect(document.paths['/open/events']?.get?.responses['200']).toMatchObject({
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    });
  });

  it('documents the headers a handler reads even without emitted parameter types', () => {
    const parameters = (document.paths['/bundled/{id}']?.patch?.parameters ?? []) as Array<{
      name: string;
      in: string;
      required?: boolean;
    }>;
    expect(parameters).toContainEqual(
      expect.objectContaining({ name: 'if-match', in: 'header', required: true }),
    );
    expect(Object.keys(document.paths['/bundled/{id}']?.patch?.responses ?? {})).toEqual(
      expect.arrayContaining(['412', '428']),
    );
  });
});
