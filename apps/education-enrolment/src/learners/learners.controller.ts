import { Controller, Put } from '@nestjs/common';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerOnly } from '../core/routes';
import { type LearnerProfileRequest, learnerProfileSchema } from './learners.requests';
import { LearnerService } from './learners.service';

@Controller()
export class LearnersController {
  constructor(private readonly learners: LearnerService) {}

  /** Records the learner profile of a case; referrals waiting for it are routed at once. */
  @Put('learners/:caseId')
  @CaseworkerOnly()
  put(
    @UuidParam('caseId') caseId: string,
    @ValidBody(learnerProfileSchema) body: LearnerProfileRequest,
    @Caller() caller: Caller,
  ) {
    return this.learners.put(caseId, body, caller.actor, caller.context);
  }
}
