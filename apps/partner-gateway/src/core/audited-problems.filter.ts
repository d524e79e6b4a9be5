import { type ArgumentsHost, Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { DomainError, UnauthenticatedError } from '@reintegra/platform-errors';
import { ProblemDetailsFilter } from '@reintegra/platform-http';
import { type AnonymousRefusal, AuditLog } from './audit-log.service';
import { AgencyUnauthenticatedError } from './errors';

type AuditedRequest = Request & {
  actor?: Actor;
  agency?: { id: string };
  auditTarget?: string;
};

/**
 * Problem+json like every service, and each refused request of an authenticated caller (4xx:
 * role, unknown agency, policy, bad input) appended to the audit log first, on its own: the
 * refused change itself wrote nothing. A caller who never authenticated (401) is only counted
 * (anonymous_refusals): anyone can send bad tokens, and the audit log is append-only.
 */
@Catch()
@Injectable()
export class AuditedProblemsFilter extends ProblemDetailsFilter {
  private readonly auditLogger = new Logger(AuditedProblemsFilter.name);

  constructor(private readonly audit: AuditLog) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const refused =
      exception instanceof DomainError ||
      (exception instanceof HttpException && exception.getStatus() < 500);
    if (!refused || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const request = host.switchToHttp().getRequest<AuditedRequest>();
    const actor = request.agency
      ? `agency:${request.agency.id}`
      : request.actor
        ? actorReference(request.actor)
        : 'anonymous';
    const anonymous = anonymousRefusal(exception, request);
    if (anonymous) {
      this.audit
        .countAnonymousRefusal(anonymous)
        .catch((error: unknown) =>
          this.auditLogger.error({ msg: 'refusal count failed', error: (error as Error).message }),
        )
        .finally(() => super.catch(exception, host));
      return;
    }
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    this.audit
      .record({
        actor,
        action: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
        outcome: 'refused',
        code:
          exception instanceof DomainError
            ? exception.code
            : `http.${(exception as HttpException).getStatus()}`,
        agencyId: request.agency?.id ?? params['agencyId'],
        target: request.auditTarget ?? params['subscriptionId'] ?? params['keyId'],
        ...(exception instanceof AgencyUnauthenticatedError
          ? { detail: { reason: exception.reason } }
          : {}),
      })
      .catch((error: unknown) =>
        this.auditLogger.error({ msg: 'audit record failed', error: (error as Error).message }),
      )
      .finally(() => super.catch(exception, host));
  }
}

/** The counter key of a 401 to a caller with no identity; undefined for any other refusal. */
function anonymousRefusal(
  exception: unknown,
  request: AuditedRequest,
): AnonymousRefusal | undefined {
  if (request.actor || request.agency) return undefined;
  const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
  const routeFamily = route.split('/').find(Boolean)?.slice(0, 40) ?? '';
  if (exception instanceof AgencyUnauthenticatedError)
    return { routeFamily, code: exception.code, reason: exception.reason };
  // The platform's reason is the token library's message: not a bounded key.
  if (exception instanceof UnauthenticatedError)
    return { routeFamily, code: exception.code, reason: 'token-rejected' };
  if (exception instanceof HttpException && exception.getStatus() === 401)
    return { routeFamily, code: 'http.401', reason: 'unauthenticated' };
  return undefined;
}
