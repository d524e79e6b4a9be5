import { Controller, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { COUNSELLOR } from '../core/access-policy';
import {
  discloseSchema,
  type DiscloseRequest,
  grantConsentSchema,
  type GrantConsentRequest,
} from './consents.requests';
import { ConsentsService } from './consents.service';
import { DisclosuresService } from './disclosures.service';

/** Consent and disclosure: counsellors only; need-to-know per record is CareRecordAccess's. */
@Controller()
@Roles(COUNSELLOR)
export class ConsentsController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly disclosures: DisclosuresService,
  ) {}

  @Post('care-records/:reference/consents')
  @HttpCode(201)
  grantConsent(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(grantConsentSchema) body: GrantConsentRequest,
  ) {
    return this.consents.grantConsent(actor, reference, body);
  }

  @Post('care-records/:reference/consents/:consentId/withdrawal')
  @HttpCode(200)
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @UuidParam('consentId') consentId: string,
  ) {
    return this.consents.withdrawConsent(actor, reference, consentId);
  }

  @Post('care-records/:reference/disclosures')
  @HttpCode(201)
  disclose(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(discloseSchema) body: DiscloseRequest,
  ) {
    return this.disclosures.disclose(actor, reference, body);
  }
}
