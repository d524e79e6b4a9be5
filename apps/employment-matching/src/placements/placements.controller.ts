import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { contextOf } from '../events/employment-events';
import {
  type HireRequest,
  hireSchema,
  type InterviewRequest,
  interviewSchema,
  type ProposePlacementRequest,
  proposePlacementSchema,
  type ReasonRequest,
  reasonSchema,
  type RetentionCheckRequest,
  retentionCheckSchema,
} from './placement-requests';
import { PlacementsService } from './placements.service';

const uuid = new ParseUUIDPipe();
const optionalUuid = new ZodValidationPipe(z.uuid().optional());

/**
 * The placement loop: the caseworker proposes; the employer (or the caseworker) records the
 * interview and the decision; the caseworker follows retention at 30 and 90 days.
 */
@Controller()
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Post('placements')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(proposePlacementSchema)
  async propose(
    @Body(new ZodValidationPipe(proposePlacementSchema)) body: ProposePlacementRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const placement = await this.placements.propose(body, actor, contextOf(actor, correlationId));
    response.setHeader('Location', `/placements/${placement.id}`);
    return placement;
  }

  @Get('placements')
  @Roles('partner', 'employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list(
    @Query('vacancyId', optionalUuid) vacancyId: string | undefined,
    @Query('caseId', optionalUuid) caseId: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.placements.list(actor, { vacancyId, caseId });
  }

  @Get('placements/:id')
  @Roles('partner', 'employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.placements.get(id, actor);
  }

  @Post('placements/:id/interview')
  @HttpCode(200)
  @Roles('partner', 'employment-caseworker', 'admin')
  @ApiJsonBody(interviewSchema)
  interview(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(interviewSchema)) body: InterviewRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.placements.interview(id, body, actor, contextOf(actor, correlationId));
  }

  /** Hired: fills a post (409 `vacancy.no-posts-left` if the last one went) and completes the referral. */
  @Post('placements/:id/hire')
  @HttpCode(200)
  @Roles('partner', 'employment-caseworker', 'admin')
  @ApiJsonBody(hireSchema)
  hire(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(hireSchema)) body: HireRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.placements.hire(id, body, actor, contextOf(actor, correlationId));
  }

  @Post('placements/:id/not-hired')
  @HttpCode(200)
  @Roles('partner', 'employment-caseworker', 'admin')
  @ApiJsonBody(reasonSchema)
  notHired(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(reasonSchema)) body: ReasonRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.placements.notHired(id, body.reasonCode, actor, contextOf(actor, correlationId));
  }

  @Post('placements/:id/withdrawal')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(reasonSchema)
  withdraw(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(reasonSchema)) body: ReasonRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.placements.withdraw(id, body.reasonCode, actor, contextOf(actor, correlationId));
  }

  @Post('placements/:id/retention-checks')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(retentionCheckSchema)
  retention(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(retentionCheckSchema)) body: RetentionCheckRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.placements.recordRetention(id, body, actor, contextOf(actor, correlationId));
  }
}
