import { Controller, Get, Headers, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, entityTag, UuidParam, ValidBody } from '@reintegra/platform-http';
import {
  approvePlanSchema,
  planContentSchema,
  rejectPlanSchema,
  type ApprovePlanRequest,
  type PlanContent,
  type RejectPlanRequest,
} from './plan.requests';
import { AuditedRead } from '../core/audited-read.interceptor';
import { SupervisorDecision } from '../core/case-routes';
import { PlansService, type PlanView } from './plans.service';

function withEntityTag(response: Response, plan: PlanView): PlanView {
  response.setHeader('ETag', entityTag(plan.version));
  return plan;
}

/**
 * The reintegration plan of a case. The officer drafts and submits; supervisors of the
 * municipality (or national) approve or reject. The plan's ETag is its version.
 */
@Controller('cases/:caseId/plan')
export class PlanController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @HttpCode(201)
  @Roles('intake-officer')
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(planContentSchema) body: PlanContent,
    @Res({ passthrough: true }) response: Response,
  ) {
    response.setHeader('Location', `/cases/${id}/plan`);
    return withEntityTag(response, await this.plans.create(id, body, actor));
  }

  @Get()
  @Roles('intake-officer', 'supervisor', 'national-supervisor')
  @AuditedRead({ action: 'case-plan.read' })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return withEntityTag(response, await this.plans.get(id, actor));
  }

  @Put()
  @Roles('intake-officer')
  async replace(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(planContentSchema) body: PlanContent,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return withEntityTag(response, await this.plans.replace(id, body, ifMatch, actor));
  }

  @Post('submission')
  @HttpCode(200)
  @Roles('intake-officer')
  async submit(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return withEntityTag(response, await this.plans.submit(id, actor, context.correlationId));
  }

  @Post('approval')
  @SupervisorDecision()
  async approve(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @Res({ passthrough: true }) response: Response,
    @Headers('if-match') ifMatch: string | undefined,
    @ValidBody(approvePlanSchema, { description: 'Optional: when the plan was really approved' })
    body: ApprovePlanRequest,
  ) {
    const approvedAt = body?.approvedAt ? new Date(body.approvedAt) : undefined;
    const { correlationId } = context;
    const approval = await this.plans.approve(id, ifMatch, actor, correlationId, approvedAt);
    withEntityTag(response, approval.plan);
    return approval;
  }

  @Post('rejection')
  @SupervisorDecision()
  async reject(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(rejectPlanSchema) body: RejectPlanRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { correlationId } = context;
    return withEntityTag(
      response,
      await this.plans.reject(id, body.reasonCode, actor, correlationId),
    );
  }
}
