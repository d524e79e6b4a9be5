import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { CorrelationId, UuidParam, ValidBody, ZodValidationPipe } from '@reintegra/platform-http';
import { eventContextOf } from '@reintegra/platform-auth';
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
} from './placements.requests';
import { PlacementsService } from './placements.service';
import { RetentionService } from './retention.service';

const optionalUuid = new ZodValidationPipe(z.uuid().optional());

/**
 * The placement loop: the caseworker proposes; the employer (or the caseworker) records the
 * interview and the decision; the caseworker follows retention at 30 and 90 days.
 */
@Controller()
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly retentionChecks: RetentionService,
  ) {}

  @Post('placements')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  async propose(
    @ValidBody(proposePlacementSchema) body: ProposePlacementRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const placement = await this.placements.propose(
      body,
      actor,
      eventContextOf(actor, correlationId),
    );
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
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.placements.get(id, actor);
  }

  @Post('placements/:id/interview')
  @HttpCode(200)
  @Roles('partner', 'employment-caseworker', 'admin')
  interview(
    @UuidParam('id') id: string,
    @ValidBody(interviewSchema) body: InterviewRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.placements.interview(id, body, actor, eventContextOf(actor, correlationId));
  }

  /** Hired: fills a post (409 `vacancy.no-posts-left` if the last one went) and completes the referral. */
  @Post('placements/:id/hire')
  @HttpCode(200)
  @Roles('partner', 'employment-caseworker', 'admin')
  hire(
    @UuidParam('id') id: string,
    @ValidBody(hireSchema) body: HireRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.placements.hire(id, body, actor, eventContextOf(actor, correlationId));
  }

  @Post('placements/:id/not-hired')
  @HttpCode(200)
  @Roles('partner', 'employment-caseworker', 'admin')
  notHired(
    @UuidParam('id') id: string,
    @ValidBody(reasonSchema) body: ReasonRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.placements.notHired(
      id,
      body.reasonCode,
      actor,
      eventContextOf(actor, correlationId),
    );
  }

  @Post('placements/:id/withdrawal')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  withdraw(
    @UuidParam('id') id: string,
    @ValidBody(reasonSchema) body: ReasonRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.placements.withdraw(
      id,
      body.reasonCode,
      actor,
      eventContextOf(actor, correlationId),
    );
  }

  @Post('placements/:id/retention-checks')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  retention(
    @UuidParam('id') id: string,
    @ValidBody(retentionCheckSchema) body: RetentionCheckRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.retentionChecks.recordRetention(
      id,
      body,
      actor,
      eventContextOf(actor, correlationId),
    );
  }
}
