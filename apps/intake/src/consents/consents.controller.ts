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
import { AuditedRead } from '../core/audited-read.interceptor';
import { grantConsentRequestSchema, type GrantConsentRequest } from './consent.requests';
import { ConsentsService } from './consents.service';

/** The consents of a case, by the municipal office (officers and supervisors of its municipality). */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get('consents')
  @AuditedRead({ action: 'case-consents.read' })
  @ApiJsonResponse(200, 'Consents of the case, active and withdrawn')
  @ApiProblems({ 404: 'No case with that id' })
  listConsents(@CurrentActor() actor: Actor, @UuidParam('caseId') id: string) {
    return this.consents.list(id, actor);
  }

  @Post('consents')
  @Idempotent()
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonResponse(201, 'Consent recorded and published')
  @ApiProblems({
    404: 'No case with that id',
    409: 'Already an active consent for this purpose',
    422: "A minor's case without a guardian (the guardian gives a minor's consent)",
  })
  grantConsent(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(grantConsentRequestSchema) body: GrantConsentRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.consents.grant(id, body, actor, correlationId);
  }

  /** Withdrawal is recorded (never a delete) and published so that every consumer honours it. */
  @Post('consents/:consentId/withdrawal')
  @Idempotent()
  @HttpCode(200)
  @Roles('intake-officer')
  @ApiJsonResponse(200, 'Consent withdrawn; every consumer is told')
  @ApiProblems({ 404: 'No such case or consent', 409: 'Already withdrawn' })
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @UuidParam('consentId') consentId: string,
    @CorrelationId() correlationId: string,
  ) {
    return this.consents.withdraw(id, consentId, actor, correlationId);
  }
}
