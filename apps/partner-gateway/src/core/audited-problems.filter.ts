import { type ArgumentsHost, Catch, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { DomainError } from '@reintegra/platform-errors';
import { ProblemDetailsFilter } from '@reintegra/platform-http';
import { AuditLog } from './audit-log.service';
import { AgencyUnauthenticatedError } from './errors';

type AuditedRequest = Request & {
  actor?: Actor;
  agency?: { id: string };
  auditTarget?: string;
};

/**
 * Problem+json like every service, and each refused request (4xx: bad credentials, role, unknown
 * agency, policy, bad input) appended to the audit log first, on its own: the refused change
 * itself wrote nothing.
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
    const actor = request.actor
      ? actorReference(request.actor)
      : request.agency
        ? `agency:${request.agency.id}`
        : 'anonymous';
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
