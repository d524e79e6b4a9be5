import { Idempotent } from '@reintegra/platform-database';
import { Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  Caller,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import {
  requestReferralSchema,
  revokeReferralSchema,
  type RequestReferralRequest,
  type RevokeReferralRequest,
} from './referral.requests';
import { AuditedCaseList, CaseController, OfficerWrite } from '../core/case-routes';
import { ReferralsService } from './referrals.service';

/** The referrals of a case, by the municipal office (officers and supervisors of its municipality). */
@CaseController('cases/:caseId')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('referrals')
  @AuditedCaseList('case-referrals.read', 'Referrals of the case', { 404: 'No case with that id' })
  listReferrals(@CurrentActor() actor: Actor, @UuidParam('caseId') id: string) {
    return this.referrals.list(id, actor);
  }

  @Post('referrals')
  @Idempotent()
  @OfficerWrite(201, 'Referral requested; the path workflow sends it', {
    403: 'Role or municipality without access, or no consent for the service',
    404: 'No case with that id',
  })
  requestReferral(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(requestReferralSchema) body: RequestReferralRequest,
  ) {
    return this.referrals.request(id, body, actor, context.correlationId);
  }

  @Post('referrals/:referralId/revocation')
  @HttpCode(200)
  @Roles('intake-officer', 'supervisor')
  @ApiJsonResponse(200, 'Referral revoked')
  @ApiProblems({ 404: 'No such case or referral', 409: 'The referral can no longer be revoked' })
  revokeReferral(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @UuidParam('referralId') referralId: string,
    @ValidBody(revokeReferralSchema) body: RevokeReferralRequest,
  ) {
    return this.referrals.revoke(id, referralId, body, actor, context.correlationId);
  }
}
