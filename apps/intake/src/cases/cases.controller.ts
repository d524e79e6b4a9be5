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
import {
  ApiJsonBody,
  ApiJsonResponse,
  ApiProblems,
  correlationIdOf,
  entityTag,
  ZodValidationPipe,
} from '@reintegra/platform-http';
import { grantConsentRequestSchema, type GrantConsentRequest } from '../consents/consent.requests';
import { ConsentsService } from '../consents/consents.service';
import {
  requestReferralSchema,
  revokeReferralSchema,
  type RequestReferralRequest,
  type RevokeReferralRequest,
} from '../referrals/referral.requests';
import { ReferralsService } from '../referrals/referrals.service';
import {
  requestVictimSupportSchema,
  type RequestVictimSupport,
} from '../victim-support/victim-support-referral.requests';
import { VictimSupportReferralsService } from '../victim-support/victim-support-referrals.service';
import { CaseViewService } from './case-view.service';

const caseId = () => new ParseUUIDPipe({ version: '4' });

/** A case, its consent and referrals, by the municipal office (officers and supervisors of its municipality). */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class CasesController {
  constructor(
    private readonly views: CaseViewService,
    private readonly consents: ConsentsService,
    private readonly referrals: ReferralsService,
    private readonly victimSupport: VictimSupportReferralsService,
  ) {}

  /** Status and version (the ETag), episode, plan summary and referrals with their statuses. */
  @Get()
  async read(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const view = await this.views.read(id, actor);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }

  @Get('consents')
  @ApiJsonResponse(200, 'Consents of the case, active and withdrawn')
  @ApiProblems({ 404: 'No case with that id' })
  listConsents(@CurrentActor() actor: Actor, @Param('caseId', caseId()) id: string) {
    return this.consents.list(id, actor);
  }

  @Post('consents')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonBody(grantConsentRequestSchema)
  @ApiJsonResponse(201, 'Consent recorded and published')
  @ApiProblems({ 404: 'No case with that id', 409: 'Already an active consent for this purpose' })
  grantConsent(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Body(new ZodValidationPipe(grantConsentRequestSchema)) body: GrantConsentRequest,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.consents.grant(id, body, actor, correlationIdOf(correlationId));
  }

  /** Withdrawal is recorded (never a delete) and published so that every consumer honours it. */
  @Post('consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles('intake-officer')
  @ApiJsonResponse(200, 'Consent withdrawn; every consumer is told')
  @ApiProblems({ 404: 'No such case or consent', 409: 'Already withdrawn' })
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Param('consentId', new ParseUUIDPipe({ version: '4' })) consentId: string,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.consents.withdraw(id, consentId, actor, correlationIdOf(correlationId));
  }

  @Get('referrals')
  @ApiJsonResponse(200, 'Referrals of the case')
  @ApiProblems({ 404: 'No case with that id' })
  listReferrals(@CurrentActor() actor: Actor, @Param('caseId', caseId()) id: string) {
    return this.referrals.list(id, actor);
  }

  @Post('referrals')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonBody(requestReferralSchema)
  @ApiJsonResponse(201, 'Referral requested; the path workflow sends it')
  @ApiProblems({
    403: 'Role or municipality without access, or no consent for the service',
    404: 'No case with that id',
  })
  requestReferral(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Body(new ZodValidationPipe(requestReferralSchema)) body: RequestReferralRequest,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.referrals.request(id, body, actor, correlationIdOf(correlationId));
  }

  @Post('referrals/:referralId/revocation')
  @HttpCode(200)
  @Roles('intake-officer', 'supervisor')
  @ApiJsonBody(revokeReferralSchema)
  @ApiJsonResponse(200, 'Referral revoked')
  @ApiProblems({ 404: 'No such case or referral', 409: 'The referral can no longer be revoked' })
  revokeReferral(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Param('referralId', new ParseUUIDPipe({ version: '4' })) referralId: string,
    @Body(new ZodValidationPipe(revokeReferralSchema)) body: RevokeReferralRequest,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.referrals.revoke(id, referralId, body, actor, correlationIdOf(correlationId));
  }

  /** Confidential: victim support receives a pseudonymous reference, never this case. */
  @Post('victim-support-referrals')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonBody(requestVictimSupportSchema)
  @ApiJsonResponse(201, 'Confidential referral sent under a pseudonymous reference')
  @ApiProblems({
    403: 'Role or municipality without access, or no consent for victim support',
    404: 'No case with that id',
  })
  requestVictimSupport(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Body(new ZodValidationPipe(requestVictimSupportSchema)) body: RequestVictimSupport,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.victimSupport.request(id, body, actor, correlationIdOf(correlationId));
  }
}
