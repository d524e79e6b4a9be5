import { Body, createParamDecorator, type ExecutionContext, Param, Query } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { correlationIdOf } from './correlation-id';
import { ApiJsonBody, ApiQueryParams } from './openapi/decorators';
import { ZodValidationPipe } from './zod-validation.pipe';

/** Applies a method decorator from a parameter decorator (the method is already on the prototype). */
function decorateMethod(
  target: object,
  key: string | symbol | undefined,
  decorator: MethodDecorator,
) {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) decorator(target, key, descriptor);
}

/**
 * The request body, validated with the zod schema and documented in the API document from the same
 * schema, in one line: `@ValidBody(registerReturneeRequest) body: RegisterReturneeRequest`.
 */
export function ValidBody(
  schema: z.ZodType,
  options: { description?: string; alsoAccepts?: string[] } = {},
): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema))(target, key, index);
    decorateMethod(target, key, ApiJsonBody(schema, options));
  };
}

/** The query string, validated with the zod object schema and documented from it. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema))(target, key, index);
    decorateMethod(target, key, ApiQueryParams(schema));
  };
}

const uuidPipe = new ZodValidationPipe(z.uuid());

/** A path parameter that must be a UUID (400 with the field named otherwise). */
export function UuidParam(name: string): ParameterDecorator {
  return Param(name, uuidPipe);
}

/** The caller's `x-correlation-id` when it is a UUID, else a new one: it ties events to the request. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<Request>().get('x-correlation-id')),
);
