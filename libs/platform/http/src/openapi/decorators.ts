import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtension,
  ApiProduces,
  ApiQuery,
  ApiResponse,
} from '@nestjs/swagger';
import type { Role } from '@reintegra/platform-auth';
import type { HeaderObject } from '@nestjs/swagger';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../problem-details.filter';
import { openApiSchemaOf } from './zod-schema';

export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDetails';

/** Response headers worth documenting. */
const RESPONSE_HEADERS: Record<'Location' | 'ETag', HeaderObject> = {
  Location: {
    description: 'Where the created resource (or the import) can be read',
    schema: { type: 'string' },
  },
  ETag: {
    description: 'Version of the resource; send it back in If-Match to change it',
    schema: { type: 'string' },
  },
};

/**
 * The request body, from the zod schema the handler validates it with (same schema, no class).
 * `alsoAccepts` lists further media types (e.g. `text/csv`); text types are documented as strings.
 */
export function ApiJsonBody(
  schema: z.ZodType,
  options: { description?: string; alsoAccepts?: string[] } = {},
): MethodDecorator {
  const decorators = [
    ApiBody({
      required: true,
      description: options.description,
      schema: openApiSchemaOf(schema, 'input'),
    }),
  ];
  if (options.alsoAccepts?.length) {
    decorators.push(ApiConsumes('application/json', ...options.alsoAccepts));
  }
  return applyDecorators(...decorators);
}

/**
 * A success response: its body from a zod schema, or a description alone when there is no body.
 * `headers` documents Location / ETag.
 */
export function ApiJsonResponse(
  status: number,
  schemaOrDescription: z.ZodType | string,
  options: { description?: string; headers?: Array<keyof typeof RESPONSE_HEADERS> } = {},
): MethodDecorator {
  const headers = options.headers?.length
    ? Object.fromEntries(options.headers.map((name) => [name, RESPONSE_HEADERS[name]]))
    : undefined;
  if (typeof schemaOrDescription === 'string') {
    return ApiResponse({ status, description: schemaOrDescription, headers });
  }
  return ApiResponse({
    status,
    description: options.description ?? schemaOrDescription.description ?? '',
    headers,
    content: { 'application/json': { schema: openApiSchemaOf(schemaOrDescription, 'output') } },
  });
}

/**
 * Error answers specific to an operation, as problem+json, e.g.
 * `@ApiProblems({ 404: 'No returnee with that id', 409: 'DUI already registered' })`.
 * 400 (invalid input), 401/403 (access), 413 and 500 are added to every operation by the document.
 */
export function ApiProblems(problems: Record<number, string>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(problems).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
      }),
    ),
  );
}

/** The query parameters of a handler, from the zod object schema that validates its query. */
export function ApiQueryParams(schema: z.ZodObject): MethodDecorator {
  const json = openApiSchemaOf(schema, 'input');
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...propertySchema } = property as { description?: string };
      return ApiQuery({ name, required: required.has(name), description, schema: propertySchema });
    }),
  );
}

/** A raw binary request body (a binary-body route's upload) of the given media types. */
export function ApiBinaryBody(types: readonly string[], description: string): MethodDecorator {
  return applyDecorators(
    ApiConsumes(...types),
    ApiBody({ required: true, description, schema: { type: 'string', format: 'binary' } }),
  );
}

/** A success response whose body is a file of one of the given media types. */
export function ApiBinaryResponse(
  status: number,
  types: readonly string[],
  description: string,
): MethodDecorator {
  return applyDecorators(
    ApiProduces(...types),
    ApiResponse({
      status,
      description,
      content: Object.fromEntries(
        types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    }),
  );
}

/**
 * Documents a route that is public to the access guard but checks a bearer token of its own
 * (e.g. a partner agency's): the document keeps its security and names the roles it accepts.
 */
export function ApiOwnBearerAuth(roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth('bearer'), ApiExtension('x-roles', roles));
}
