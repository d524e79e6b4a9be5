import { Post } from '@nestjs/common';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseController, OfficerWrite } from '../core/case-routes';
import {
  requestVictimSupportSchema,
  type RequestVictimSupport,
} from './victim-support-referral.requests';
import { VictimSupportReferralsService } from './victim-support-referrals.service';

/** Confidential referrals to victim support, by the municipal office. */
@CaseController('cases/:caseId')
export class VictimSupportController {
  constructor(private readonly victimSupport: VictimSupportReferralsService) {}

  /** Confidential: victim support receives a pseudonymous reference, never this case. */
  @Post('victim-support-referrals')
  @OfficerWrite(201, 'Confidential referral sent under a pseudonymous reference', {
    403: 'Role or municipality without access, or no consent for victim support',
    404: 'No case with that id',
  })
  requestVictimSupport(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(requestVictimSupportSchema) body: RequestVictimSupport,
  ) {
    return this.victimSupport.request(id, body, actor, context.correlationId);
  }

  /**
   * A minor's protection referral: the same confidential shape (victim support receives a
   * pseudonymous reference of kind `child-protection`, never this case nor the child's data).
   */
  @Post('child-protection-referrals')
  @OfficerWrite(201, 'Confidential child-protection referral sent under a pseudonymous reference', {
    403: 'Role or municipality without access, or no consent (the guardian’s) for child protection',
    404: 'No case with that id',
    422: 'Not a minor’s case',
  })
  requestChildProtection(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(requestVictimSupportSchema) body: RequestVictimSupport,
  ) {
    return this.victimSupport.requestChildProtection(id, body, actor, context.correlationId);
  }
}
