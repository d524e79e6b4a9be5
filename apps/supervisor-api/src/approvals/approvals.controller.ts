import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { caseNotFound } from '@reintegra/platform-errors';
import {
  CorrelationId,
  entityTag,
  preferredLanguage,
  PROBLEM_CONTENT_TYPE,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import { DASHBOARD_ROLES, scopeOf } from '../core/scope';
import { ApprovalsQueue } from './approvals.queries';
import {
  type ApprovePlanRequest,
  approvePlanSchema,
  type CloseCaseRequest,
  closeCaseSchema,
} from './approvals.requests';
import { type IntakeAnswer, IntakeClient } from './intake-client';

const UNAVAILABLE = {
  es: 'El servicio de admisión no responde; no se cambió nada. Intente de nuevo.',
  en: 'The intake service is not answering; nothing was changed. Try again.',
};

/**
 * The approvals queue, and the supervisor's decisions sent on to intake, which owns plans and
 * closures. Why a proxy rather than the browser calling intake: the dashboard keeps one origin
 * (no CORS on intake, no intake address in the browser), the case is checked against the
 * supervisor's scope first, and intake's answer — success, 412 stale, 409 moved on, 403 — comes
 * back unchanged as problem+json. Intake still decides with the supervisor's own token.
 */
@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class ApprovalsController {
  constructor(
    private readonly approvals: ApprovalsQueue,
    private readonly intake: IntakeClient,
  ) {}

  @Get('approvals')
  queue(@CurrentActor() actor: Actor) {
    return this.approvals.queue(scopeOf(actor).municipalityCode);
  }

  @Post('cases/:caseId/plan/approval')
  async approvePlan(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(approvePlanSchema) body: ApprovePlanRequest,
    @Headers('authorization') authorization: string,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() response: Response,
  ) {
    await this.inScope(actor, caseId);
    const answer = await this.intake.post(`/cases/${caseId}/plan/approval`, undefined, {
      authorization,
      language: language ?? 'es',
      ifMatch: entityTag(body.planVersion),
      correlationId,
    });
    this.relay(answer, response, language, `/api/cases/${caseId}/plan/approval`);
  }

  @Post('cases/:caseId/closure')
  async close(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(closeCaseSchema) body: CloseCaseRequest,
    @Headers('authorization') authorization: string,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() response: Response,
  ) {
    await this.inScope(actor, caseId);
    const answer = await this.intake.post(`/cases/${caseId}/closure`, body, {
      authorization,
      language: language ?? 'es',
      correlationId,
    });
    this.relay(answer, response, language, `/api/cases/${caseId}/closure`);
  }

  private async inScope(actor: Actor, caseId: string) {
    const found = await this.approvals.pendingCase(scopeOf(actor).municipalityCode, caseId);
    if (!found) throw caseNotFound();
    return found;
  }

  private relay(
    answer: IntakeAnswer,
    response: Response,
    language: string | undefined,
    instance: string,
  ): void {
    if (answer.status === 502) {
      response
        .status(502)
        .type(PROBLEM_CONTENT_TYPE)
        .send({
          type: 'urn:reintegra:problem:intake.unavailable',
          title: UNAVAILABLE[preferredLanguage(language)],
          status: 502,
          code: 'intake.unavailable',
          instance,
        });
      return;
    }
    if (answer.etag) response.setHeader('ETag', answer.etag);
    response
      .status(answer.status)
      .type(answer.contentType || 'application/json')
      .send(answer.body);
  }
}
