import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ConflictError,
  DomainError,
  PreconditionFailedError,
  UnavailableError,
} from '@reintegra/platform-errors';
import type { z } from 'zod';
import { type Language, localizeIssues, preferredLanguage } from './localized-issues';
import type { problemDetailsSchema } from './openapi/problem-details.schema';
import { RequestValidationError } from './zod-validation.pipe';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with a stable `code` and per-field `errors` for validation. */
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  'precondition-failed': HttpStatus.PRECONDITION_FAILED,
  'precondition-required': HttpStatus.PRECONDITION_REQUIRED,
  'unsupported-media-type': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

const GENERIC: Record<number, { code: string; es: string; en: string }> = {
  400: {
    code: 'request.malformed',
    es: 'La solicitud está mal formada.',
    en: 'The request is malformed.',
  },
  404: { code: 'route.not-found', es: 'Recurso no encontrado.', en: 'Resource not found.' },
  413: {
    code: 'request.too-large',
    es: 'La solicitud es demasiado grande.',
    en: 'The request is too large.',
  },
  415: {
    code: 'request.unsupported-media-type',
    es: 'Tipo de contenido no admitido.',
    en: 'Unsupported content type.',
  },
  500: {
    code: 'server.error',
    es: 'Error interno. Intente de nuevo más tarde.',
    en: 'Internal error. Try again later.',
  },
};

const NOT_STORABLE = {
  code: 'request.value-not-storable',
  es: 'Un valor de la solicitud no se puede guardar (formato, longitud o caracteres).',
  en: 'A value in the request cannot be stored (format, length or characters).',
};

const INCONSISTENT = {
  code: 'request.values-inconsistent',
  es: 'Los valores no son coherentes entre sí o con los ya guardados (por ejemplo, un máximo menor que el mínimo).',
  en: 'The values do not agree with each other or with those already stored (e.g. a maximum below the minimum).',
};

/**
 * What a PostgreSQL refusal says about the caller's input, as pg or TypeORM's QueryFailedError
 * carry it: a data exception (class 22: characters, lengths, formats) or a check constraint
 * (23514: values that break a rule of the row, e.g. after merging a change with stored values).
 */
function databaseInputError(exception: unknown): typeof NOT_STORABLE | undefined {
  const code = (exception as { code?: unknown } | null)?.code;
  if (
    !(exception instanceof Error) ||
    typeof code !== 'string' ||
    !(exception.name === 'QueryFailedError' || 'severity' in exception)
  ) {
    return undefined;
  }
  if (/^22[0-9A-Z]{3}$/.test(code)) return NOT_STORABLE;
  return code === '23514' ? INCONSISTENT : undefined;
}

function problemFor(
  exception: unknown,
  language: Language,
): Omit<ProblemDetails, 'instance' | 'type'> {
  if (exception instanceof DomainError) {
    const status = STATUS_BY_KIND[exception.kind];
    const problem: Omit<ProblemDetails, 'instance' | 'type'> = {
      title: exception.localized[language],
      status,
      code: exception.code,
    };
    if (exception instanceof RequestValidationError) {
      problem.errors = localizeIssues(exception.issues, language);
    }
    if (exception instanceof ConflictError && exception.existingLocation) {
      problem.existing = exception.existingLocation;
    }
    if (exception instanceof PreconditionFailedError) {
      problem.currentETag = exception.currentEntityTag;
    }
    return problem;
  }
  if (exception instanceof UnavailableError) {
    return {
      title: exception.localized[language],
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: exception.code,
    };
  }
  // The caller's input, not a server fault. The message may quote the value: never echoed.
  const refused = databaseInputError(exception);
  if (refused) {
    return {
      title: refused[language],
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      code: refused.code,
    };
  }
  // Body-parser errors (malformed JSON, too large) carry an HTTP status of their own.
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : typeof (exception as { status?: unknown })?.status === 'number'
        ? (exception as { status: number }).status
        : HttpStatus.INTERNAL_SERVER_ERROR;
  const generic = GENERIC[status] ?? GENERIC[status >= 500 ? 500 : 400];
  return {
    title: generic[language],
    status,
    code: generic.code,
    ...(status < 500 && exception instanceof Error ? { detail: exception.message } : {}),
  };
}

/** Maps every error at the HTTP edge to `application/problem+json`, Spanish first. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const language = preferredLanguage(request.headers['accept-language']);
    const problem = problemFor(exception, language);
    if (exception instanceof UnavailableError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    } else if (problem.status >= 500) {
      // Stack only: messages of unexpected errors may quote data.
      this.logger.error({ err: exception instanceof Error ? exception.stack : String(exception) });
    }
    const body: ProblemDetails = {
      type: `urn:reintegra:problem:${problem.code}`,
      ...problem,
      instance: request.originalUrl?.split('?')[0] ?? request.url,
      ...(exception instanceof ConflictError ? exception.extensions : {}),
    };
    if (problem.status === HttpStatus.UNAUTHORIZED) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="reintegra"');
    }
    response
      .status(problem.status)
      .setHeader('Content-Language', language)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(body));
  }
}
