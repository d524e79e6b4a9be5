import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { correlationIdFrom } from '../access/correlation';
import { EnrolmentService } from '../enrolment/enrolment.service';
import { ReferralRouter } from '../referrals/referral-router';
import { type LearnerProfileRequest, learnerProfileSchema } from './learner.request';
import { LearnerService } from './learner.service';

@Controller()
export class LearnersController {
  constructor(
    private readonly learners: LearnerService,
    private readonly router: ReferralRouter,
    private readonly dataSource: DataSource,
  ) {}

  /** Records the learner profile of a case; referrals waiting for it are routed at once. */
  @Put('learners/:caseId')
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(learnerProfileSchema)
  put(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body(new ZodValidationPipe(learnerProfileSchema)) body: LearnerProfileRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.learners.put(
      caseId,
      body,
      actor,
      EnrolmentService.contextOf(actor, correlationIdFrom(correlationId)),
    );
  }

  /** The referral queue of the caller's provider (all referrals for national roles). */
  @Get('referrals')
  @Roles('education-caseworker', 'national-supervisor', 'admin')
  referrals(@CurrentActor() actor: Actor) {
    return this.router.list(this.dataSource.manager, actor);
  }
}
