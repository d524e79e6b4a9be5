import { Idempotent } from '@reintegra/platform-database';
import { Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { AuditedCaseList, CaseController, OfficerWrite } from '../core/case-routes';
import { grantConsentRequestSchema, type GrantConsentRequest } from './consent.requests';
import { ConsentsService } from './consents.service';

/** The consents of a case, by the municipal office (officers and supervisors of its municipality). */
@CaseController('cases/:caseId')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get('consents')
  @AuditedCaseList('case-consents.read', 'Consents of the case, active and withdrawn', {
    404: 'No case with that id',
  })
  listConsents(@CurrentActor() actor: Actor, @UuidParam('caseId') id: string) {
    return this.consents.list(id, actor);
  }

  @Post('consents')
  @Idempotent()
  @OfficerWrite(201, 'Consent recorded and published', {
    404: 'No case with that id',
    409: 'Already an active consent for this purpose',
    422: "A minor's case without a guardian (the guardian gives a minor's consent)",
  })
  grantConsent(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(grantConsentRequestSchema) body: GrantConsentRequest,
  ) {
    return this.consents.grant(id, body, actor, context.correlationId);
  }

  /** Withdrawal is recorded (never a delete) and published so that every consumer honours it. */
  @Post('consents/:consentId/withdrawal')
  @Idempotent()
  @OfficerWrite(200, 'Consent withdrawn; every consumer is told', {
    404: 'No such case or consent',
    409: 'Already withdrawn',
  })
  withdrawConsent(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @UuidParam('consentId') consentId: string,
  ) {
    return this.consents.withdraw(id, consentId, actor, context.correlationId);
  }
}
