import { Controller, Put } from '@nestjs/common';
import { type Actor, CurrentActor, eventContextOf, Roles } from '@reintegra/platform-auth';
import { CorrelationId, UuidParam, ValidBody } from '@reintegra/platform-http';
import { type LearnerProfileRequest, learnerProfileSchema } from './learners.requests';
import { LearnerService } from './learners.service';

@Controller()
export class LearnersController {
  constructor(private readonly learners: LearnerService) {}

  /** Records the learner profile of a case; referrals waiting for it are routed at once. */
  @Put('learners/:caseId')
  @Roles('education-caseworker', 'admin')
  put(
    @UuidParam('caseId') caseId: string,
    @ValidBody(learnerProfileSchema) body: LearnerProfileRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.learners.put(caseId, body, actor, eventContextOf(actor, correlationId));
  }
}
