import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody, ZodValidationPipe } from '@reintegra/platform-http';
import { CaseworkerWrite, EmployerWrite, PartnerRead } from '../core/routes';
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
  @CaseworkerWrite(201)
  async propose(
    @ValidBody(proposePlacementSchema) body: ProposePlacementRequest,
    @Caller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const placement = await this.placements.propose(body, caller.actor, caller.context);
    response.setHeader('Location', `/placements/${placement.id}`);
    return placement;
  }

  @Get('placements')
  @PartnerRead()
  list(
    @Query('vacancyId', optionalUuid) vacancyId: string | undefined,
    @Query('caseId', optionalUuid) caseId: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.placements.list(actor, { vacancyId, caseId });
  }

  @Get('placements/:id')
  @PartnerRead()
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.placements.get(id, actor);
  }

  @Post('placements/:id/interview')
  @EmployerWrite(200, 'employment-caseworker')
  interview(
    @UuidParam('id') id: string,
    @ValidBody(interviewSchema) body: InterviewRequest,
    @Caller() caller: Caller,
  ) {
    return this.placements.interview(id, body, caller.actor, caller.context);
  }

  /** Hired: fills a post (409 `vacancy.no-posts-left` if the last one went) and completes the referral. */
  @Post('placements/:id/hire')
  @EmployerWrite(200, 'employment-caseworker')
  hire(
    @UuidParam('id') id: string,
    @ValidBody(hireSchema) body: HireRequest,
    @Caller() caller: Caller,
  ) {
    return this.placements.hire(id, body, caller.actor, caller.context);
  }

  @Post('placements/:id/not-hired')
  @EmployerWrite(200, 'employment-caseworker')
  notHired(
    @UuidParam('id') id: string,
    @ValidBody(reasonSchema) body: ReasonRequest,
    @Caller() caller: Caller,
  ) {
    return this.placements.notHired(id, body.reasonCode, caller.actor, caller.context);
  }

  @Post('placements/:id/withdrawal')
  @CaseworkerWrite(200)
  withdraw(
    @UuidParam('id') id: string,
    @ValidBody(reasonSchema) body: ReasonRequest,
    @Caller() caller: Caller,
  ) {
    return this.placements.withdraw(id, body.reasonCode, caller.actor, caller.context);
  }

  @Post('placements/:id/retention-checks')
  @CaseworkerWrite(201)
  retention(
    @UuidParam('id') id: string,
    @ValidBody(retentionCheckSchema) body: RetentionCheckRequest,
    @Caller() caller: Caller,
  ) {
    return this.retentionChecks.recordRetention(id, body, caller.actor, caller.context);
  }
}
