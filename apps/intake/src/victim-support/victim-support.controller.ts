import { Controller, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  CorrelationId,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import {
  requestVictimSupportSchema,
  type RequestVictimSupport,
} from './victim-support-referral.requests';
import { VictimSupportReferralsService } from './victim-support-referrals.service';

/** Confidential referrals to victim support, by the municipal office. */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class VictimSupportController {
  constructor(private readonly victimSupport: VictimSupportReferralsService) {}

  /** Confidential: victim support receives a pseudonymous reference, never this case. */
  @Post('victim-support-referrals')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonResponse(201, 'Confidential referral sent under a pseudonymous reference')
  @ApiProblems({
    403: 'Role or municipality without access, or no consent for victim support',
    404: 'No case with that id',
  })
  requestVictimSupport(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(requestVictimSupportSchema) body: RequestVictimSupport,
    @CorrelationId() correlationId: string,
  ) {
    return this.victimSupport.request(id, body, actor, correlationId);
  }

  /**
   * A minor's protection referral: the same confidential shape (victim support receives a
   * pseudonymous reference of kind `child-protection`, never this case nor the child's data).
   */
  @Post('child-protection-referrals')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonResponse(
    201,
    'Confidential child-protection referral sent under a pseudonymous reference',
  )
  @ApiProblems({
    403: 'Role or municipality without access, or no consent (the guardian’s) for child protection',
    404: 'No case with that id',
    422: 'Not a minor’s case',
  })
  requestChildProtection(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(requestVictimSupportSchema) body: RequestVictimSupport,
    @CorrelationId() correlationId: string,
  ) {
    return this.victimSupport.requestChildProtection(id, body, actor, correlationId);
  }
}
