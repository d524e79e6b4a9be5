import { Get, Put } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  Caller,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import { CaseController, OfficerWrite } from '../core/case-routes';
import { type RecordGuardianRequest, recordGuardianSchema } from './guardian.requests';
import { GuardiansService } from './guardians.service';

/** The guardian of a minor's case: read by the municipal office, set by its intake officers (audited). */
@CaseController('cases/:caseId/guardian')
export class GuardiansController {
  constructor(private readonly guardians: GuardiansService) {}

  @Get()
  @ApiJsonResponse(200, 'The guardian: linked member or named adult, capacity, phone')
  @ApiProblems({ 404: 'No such case, or no guardian recorded' })
  view(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.guardians.get(caseId, actor);
  }

  @Put()
  @OfficerWrite(200, 'Guardian recorded (replaces an earlier one)', {
    404: 'No such case, or the member is not in the household',
    422: 'Not a minor’s case, or the member is not an adult',
  })
  record(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') caseId: string,
    @ValidBody(recordGuardianSchema) body: RecordGuardianRequest,
  ) {
    return this.guardians.record(caseId, body, actor, context.correlationId);
  }
}
