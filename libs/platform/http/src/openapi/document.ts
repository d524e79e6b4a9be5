import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  DocumentBuilder,
  type MediaTypeObject,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { PUBLIC_KEY, type Role, ROLES_KEY } from '@reintegra/platform-auth';
import { PROBLEM_CONTENT_TYPE } from '../problem-details.filter';
import { PROBLEM_SCHEMA_REF } from './decorators';
import { addPlatformProblems } from './operation-problems';
import { problemDetailsSchema } from './problem-details.schema';
import { openApiSchemaOf } from './zod-schema';

/** What a service says about itself at the top of its API document. */
export interface ApiDescription {
  readonly title: string;
  readonly description: string;
  readonly version?: string;
}

/** Who may call an operation, keyed by operationId (`<Controller>_<method>`). */
export type OperationAccess = ReadonlyMap<string, RouteAccess>;

/** Who may call a route, and whether it answers a stream of server-sent events (`@Sse`). */
interface RouteAccess {
  public: boolean;
  roles: readonly Role[];
  stream?: boolean;
  /** Request headers the handler reads with @Headers(name). */
  headers?: readonly string[];
}

/**
 * The headers a handler reads, from Nest's own route metadata: Swagger finds them only through
 * emitted parameter types, which the services' bundles do not carry.
 */
function headersOf(controller: object, method: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { data?: unknown }
  >;
  return Object.entries(args)
    .filter(([key, arg]) => key.startsWith(`${RouteParamtypes.HEADERS}:`) && arg.data)
    .map(([, arg]) => String(arg.data).toLowerCase());
}

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const HEADER_DESCRIPTIONS: Record<string, string> = {
  'if-match': 'ETag of the version you read (required: 428 without it, 412 when stale)',
  'x-correlation-id': 'UUID tying the events of this request together (optional)',
};

const problem = (description: string): ResponseObject => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
});

/** The routes' access rules as the AccessGuard applies them (@Public, @Roles on method or class). */
export function operationAccessOf(app: INestApplication): OperationAccess {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const targets = [handler, metatype] as Array<() => void>;
        access.set(`${metatype.name}_${name}`, {
          public: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
          roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [],
          stream: Reflect.getMetadata(SSE_METADATA, handler) === true,
          headers: headersOf(metatype, name),
        });
      }
    }
  }
  return access;
}

/**
 * Completes what the decorators left implicit, the same way for every service: problem+json
 * for every error, bearer auth except on public routes (with the roles allowed), optional
 * headers, text bodies as strings.
 */
export function completeDocument(document: OpenAPIObject, access: OperationAccess): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      // Loose: a kind of problem may add extension members (a conflict's `currentStatus`, …).
      ProblemDetails: openApiSchemaOf(problemDetailsSchema.loose(), 'output'),
    },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      completeOperation(operation, access.get(operation.operationId ?? ''));
      addPlatformProblems(operation, method);
    }
  }
  return document;
}

/** An operation with the `x-roles` extension this platform adds. */
export type DocumentedOperation = OperationObject & { 'x-roles'?: Role[] };

function completeOperation(operation: DocumentedOperation, access: RouteAccess | undefined): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  if (access?.stream) {
    responses['200'] = {
      description: 'Server-sent events: the stream stays open until the client closes it',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    };
  }
  const addProblem = (status: number, description: string) => {
    responses[status] ??= problem(description);
  };
  for (const [status, response] of Object.entries(responses)) {
    if (!response.description) response.description = status.startsWith('2') ? 'OK' : status;
  }
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const name of access?.headers ?? []) {
    if (!parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name)) {
      parameters.push({ name, in: 'header', schema: { type: 'string' } });
    }
  }
  operation.parameters = parameters;
  for (const parameter of parameters.filter((p) => p.in === 'header')) {
    const name = parameter.name.toLowerCase();
    parameter.required = name === 'if-match';
    parameter.description ??= HEADER_DESCRIPTIONS[name];
  }
  if (operation.requestBody || parameters.some((p) => p.in === 'path' || p.in === 'query')) {
    addProblem(400, 'Invalid request: per-field errors in `errors`');
  }
  if (operation.requestBody && 'content' in operation.requestBody) {
    addProblem(413, 'Body too large');
    const contents: Record<string, MediaTypeObject> = operation.requestBody.content;
    for (const [mediaType, content] of Object.entries(contents)) {
      if (mediaType.startsWith('text/')) content.schema = { type: 'string' };
    }
  }
  // A public route with credentials of its own (declared with @ApiBearerAuth) keeps them.
  if (access?.public && !operation.security?.length) {
    operation.security = [];
  } else {
    addProblem(401, 'No valid bearer token');
    addProblem(403, 'Role or municipality without access');
    if (access?.roles.length) {
      operation['x-roles'] = [...access.roles];
      const roles = `Roles: ${access.roles.join(', ')}.`;
      operation.description = operation.description
        ? `${operation.description}\n\n${roles}`
        : roles;
    }
  }
  addProblem(500, 'Unexpected error');
}

/** The service's OpenAPI 3 document: its routes, zod-derived schemas and access rules. */
export function buildOpenApiDocument(app: INestApplication, api: ApiDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion(api.version ?? '1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'Access token of the identity provider (dev: POST /dev/tokens of dev-identity)',
      },
      'bearer',
    )
    .addSecurityRequirements('bearer')
    .addGlobalParameters({
      name: 'Accept-Language',
      in: 'header',
      required: false,
      description: 'Language of messages and problems: es (default) or en',
      schema: { type: 'string', example: 'es-SV' },
    })
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config), operationAccessOf(app));
}

/** Serves Swagger UI at `/docs` and the document at `/docs/openapi.json`, outside the access guard. */
export function setupOpenApi(app: INestApplication, api: ApiDescription): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app, api), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: api.title,
  });
}
