import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { COUNSELLOR, SUPERVISOR } from '../core/access-policy';
import {
  acceptReferralSchema,
  type AcceptReferralRequest,
  assignCounsellorSchema,
  type AssignCounsellorRequest,
} from './referrals.requests';
import { ReferralsService } from './referrals.service';

/** The referral queue and taking a referral on (only victim-support roles reach the care API). */
@Controller()
@Roles(COUNSELLOR, SUPERVISOR)
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** The office's referrals waiting for a counsellor (priority, requested services; no care content). */
  @Get('referrals')
  pending(@CurrentActor() actor: Actor) {
    return this.referrals.pendingReferrals(actor);
  }

  @Post('care-records/:reference/acceptance')
  @Roles(COUNSELLOR)
  @HttpCode(200)
  accept(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(acceptReferralSchema) body: AcceptReferralRequest,
  ) {
    return this.referrals.accept(actor, reference, body);
  }

  @Post('care-records/:reference/assignments')
  @Roles(SUPERVISOR)
  @HttpCode(201)
  assign(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(assignCounsellorSchema) body: AssignCounsellorRequest,
  ) {
    return this.referrals.assign(actor, reference, body);
  }
}
