import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { CorrelationId, UuidParam, ValidBody } from '@reintegra/platform-http';
import { eventContextOf } from '@reintegra/platform-auth';
import { ReferralDecisions } from './referral-decisions.service';
import {
  type CloseReferralRequest,
  closeReferralSchema,
  type DeclineRequest,
  declineSchema,
} from './referrals.requests';

/** The referral queue and the office's answers (reported to the reintegration workflow). */
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly decisions: ReferralDecisions) {}

  @Get()
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list(@CurrentActor() actor: Actor) {
    return this.decisions.list(actor);
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  accept(
    @UuidParam('id') id: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.decisions.accept(id, actor, eventContextOf(actor, correlationId));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  decline(
    @UuidParam('id') id: string,
    @ValidBody(declineSchema) body: DeclineRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.decisions.decline(id, body.reasonCode, actor, eventContextOf(actor, correlationId));
  }

  /** No capacity now: the person waits (waitlisted) and may still be accepted later. */
  @Post(':id/no-capacity')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  noCapacity(
    @UuidParam('id') id: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.decisions.noCapacity(id, actor, eventContextOf(actor, correlationId));
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  close(
    @UuidParam('id') id: string,
    @ValidBody(closeReferralSchema) body: CloseReferralRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.decisions.close(id, body, actor, eventContextOf(actor, correlationId));
  }
}
