import { Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerWrite, OfficeRead } from '../core/routes';
import {
  type DropEnrolmentRequest,
  dropEnrolmentSchema,
  type RequestEnrolmentRequest,
  requestEnrolmentSchema,
} from './enrolment.requests';
import { EnrolmentService } from './enrolment.service';

@Controller()
export class EnrolmentController {
  constructor(private readonly enrolments: EnrolmentService) {}

  /** 201 with status `enrolled`, or `waitlisted` with its position when the cohort is full. */
  @Post('cohorts/:id/enrolments')
  @CaseworkerWrite(201)
  async request(
    @UuidParam('id') cohortId: string,
    @ValidBody(requestEnrolmentSchema) body: RequestEnrolmentRequest,
    @Caller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const outcome = await this.enrolments.request(
      { cohortId, ...body },
      caller.actor,
      caller.context,
    );
    response.setHeader('Location', `/enrolments/${outcome.enrolmentId}`);
    return outcome;
  }

  @Get('cohorts/:id/enrolments')
  @OfficeRead()
  list(@UuidParam('id') cohortId: string, @CurrentActor() actor: Actor) {
    return this.enrolments.listForCohort(cohortId, actor);
  }

  /** Drops an enrolment or a waitlist entry; a freed seat promotes the next person at once. */
  @Post('enrolments/:id/drop')
  @CaseworkerWrite(200)
  drop(
    @UuidParam('id') id: string,
    @ValidBody(dropEnrolmentSchema) body: DropEnrolmentRequest,
    @Caller() caller: Caller,
  ) {
    return this.enrolments.drop(id, body.reasonCode, caller.actor, caller.context);
  }

  @Post('enrolments/:id/complete')
  @CaseworkerWrite(200)
  complete(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.enrolments.complete(id, caller.actor, caller.context);
  }
}
