import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { correlationIdOf } from '@reintegra/platform-http';
import { readReasonSchema } from './confidentiality';
import { type IntakeReadAction, IntakeAudit, type ReadSubject } from './intake-audit.service';

export interface AuditedReadSpec {
  readonly action: IntakeReadAction;
  /**
   * What the answer showed, one audit row each. Default: the route's `caseId` parameter (or `id`
   * for a returnee). Lists name every person or case on the page.
   */
  readonly subjects?: (answer: unknown, params: Readonly<Record<string, string>>) => ReadSubject[];
}

const AUDITED_READ = 'intake:audited-read';

/**
 * Marks a route that shows personal data: each successful answer is written to `audit_log` (who,
 * what, when, and the `reason` query parameter where the route takes one) before it is sent. One
 * mechanism for every read route, instead of audit calls sprinkled through the services.
 */
export const AuditedRead = (spec: AuditedReadSpec) =>
  applyDecorators(SetMetadata(AUDITED_READ, spec), UseInterceptors(AuditedReadInterceptor));

function defaultSubjects(_answer: unknown, params: Readonly<Record<string, string>>) {
  if (params['caseId']) return [{ caseId: params['caseId'] }];
  return params['id'] ? [{ returneeId: params['id'] }] : [];
}

/**
 * Bound to HTTP routes only, by @AuditedRead: a global interceptor would also wrap the Kafka
 * handlers, and Nest does not await an event handler's observable (events would be processed
 * concurrently and out of order). The row is written
 * after the handler and before the answer leaves; if it cannot be written the read fails, so
 * nobody reads personal data unaudited. Refused reads (403/404) show nothing and are not rows.
 */
@Injectable()
export class AuditedReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly audit: IntakeAudit,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditedReadSpec | undefined>(
      AUDITED_READ,
      context.getHandler(),
    );
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    return next
      .handle()
      .pipe(
        mergeMap((answer: unknown) => from(this.record(spec, request, answer).then(() => answer))),
      );
  }

  private async record(
    spec: AuditedReadSpec,
    request: Request & { actor?: Actor },
    answer: unknown,
  ) {
    const params = request.params as Record<string, string>;
    const subjects = (spec.subjects ?? defaultSubjects)(answer, params);
    if (!request.actor || subjects.length === 0) return;
    // Only a known reason code: a free-text query value must never reach the audit log.
    const reason = readReasonSchema.safeParse(request.query['reason']).data;
    await this.audit.recordReads(this.dataSource.manager, {
      action: spec.action,
      actor: actorReference(request.actor),
      subjects,
      ...(reason ? { reasonCode: reason } : {}),
      correlationId: correlationIdOf(request.get('x-correlation-id')),
      at: new Date(),
    });
  }
}
