import { Controller, Get, HttpCode, Put } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  CorrelationId,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import { type RecordGuardianRequest, recordGuardianSchema } from './guardian.requests';
import { GuardiansService } from './guardians.service';

/** The guardian of a minor's case: read by the municipal office, set by its intake officers (audited). */
@Controller('cases/:caseId/guardian')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class GuardiansController {
  constructor(private readonly guardians: GuardiansService) {}

  @Get()
  @ApiJsonResponse(200, 'The guardian: linked member or named adult, capacity, phone')
  @ApiProblems({ 404: 'No such case, or no guardian recorded' })
  view(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.guardians.get(caseId, actor);
  }

  @Put()
  @HttpCode(200)
  @Roles('intake-officer')
  @ApiJsonResponse(200, 'Guardian recorded (replaces an earlier one)')
  @ApiProblems({
    404: 'No such case, or the member is not in the household',
    422: 'Not a minor’s case, or the member is not an adult',
  })
  record(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(recordGuardianSchema) body: RecordGuardianRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.guardians.record(caseId, body, actor, correlationId);
  }
}
