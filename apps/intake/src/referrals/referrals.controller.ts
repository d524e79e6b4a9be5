import { Idempotent } from '@reintegra/platform-database';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  CorrelationId,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import {
  requestReferralSchema,
  revokeReferralSchema,
  type RequestReferralRequest,
  type RevokeReferralRequest,
} from './referral.requests';
import { AuditedRead } from '../core/audited-read.interceptor';
import { ReferralsService } from './referrals.service';

/** The referrals of a case, by the municipal office (officers and supervisors of its municipality). */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('referrals')
  @AuditedRead({ action: 'case-referrals.read' })
  @ApiJsonResponse(200, 'Referrals of the case')
  @ApiProblems({ 404: 'No case with that id' })
  listReferrals(@CurrentActor() actor: Actor, @UuidParam('caseId') id: string) {
    return this.referrals.list(id, actor);
  }

  @Post('referrals')
  @Idempotent()
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonResponse(201, 'Referral requested; the path workflow sends it')
  @ApiProblems({
    403: 'Role or municipality without access, or no consent for the service',
    404: 'No case with that id',
  })
  requestReferral(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(requestReferralSchema) body: RequestReferralRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.referrals.request(id, body, actor, correlationId);
  }

  @Post('referrals/:referralId/revocation')
  @HttpCode(200)
  @Roles('intake-officer', 'supervisor')
  @ApiJsonResponse(200, 'Referral revoked')
  @ApiProblems({ 404: 'No such case or referral', 409: 'The referral can no longer be revoked' })
  revokeReferral(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @UuidParam('referralId') referralId: string,
    @ValidBody(revokeReferralSchema) body: RevokeReferralRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.referrals.revoke(id, referralId, body, actor, correlationId);
  }
}
