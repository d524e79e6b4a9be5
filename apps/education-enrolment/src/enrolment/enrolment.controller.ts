import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { correlationIdFrom } from '../access/correlation';
import {
  type DropEnrolmentRequest,
  dropEnrolmentSchema,
  type RequestEnrolmentRequest,
  requestEnrolmentSchema,
} from './enrolment.requests';
import { EnrolmentService } from './enrolment.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@Controller()
export class EnrolmentController {
  constructor(private readonly enrolments: EnrolmentService) {}

  /** 201 with status `enrolled`, or `waitlisted` with its position when the cohort is full. */
  @Post('cohorts/:id/enrolments')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(requestEnrolmentSchema)
  async request(
    @Param('id', uuid) cohortId: string,
    @Body(new ZodValidationPipe(requestEnrolmentSchema)) body: RequestEnrolmentRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const outcome = await this.enrolments.request(
      { cohortId, ...body },
      actor,
      EnrolmentService.contextOf(actor, correlationIdFrom(correlationId)),
    );
    response.setHeader('Location', `/enrolments/${outcome.enrolmentId}`);
    return outcome;
  }

  @Get('cohorts/:id/enrolments')
  @Roles('education-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list(@Param('id', uuid) cohortId: string, @CurrentActor() actor: Actor) {
    return this.enrolments.listForCohort(cohortId, actor);
  }

  /** Drops an enrolment or a waitlist entry; a freed seat promotes the next person at once. */
  @Post('enrolments/:id/drop')
  @HttpCode(200)
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(dropEnrolmentSchema)
  drop(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(dropEnrolmentSchema)) body: DropEnrolmentRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.enrolments.drop(
      id,
      body.reasonCode,
      actor,
      EnrolmentService.contextOf(actor, correlationIdFrom(correlationId)),
    );
  }

  @Post('enrolments/:id/complete')
  @HttpCode(200)
  @Roles('education-caseworker', 'admin')
  complete(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.enrolments.complete(
      id,
      actor,
      EnrolmentService.contextOf(actor, correlationIdFrom(correlationId)),
    );
  }
}
