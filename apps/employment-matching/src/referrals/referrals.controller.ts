import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { contextOf } from '../events/employment-events';
import { ReferralDecisions } from './referral-decisions';
import {
  type CloseReferralRequest,
  closeReferralSchema,
  type DeclineRequest,
  declineSchema,
} from './referral-requests';

const uuid = new ParseUUIDPipe();

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
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.decisions.accept(id, actor, contextOf(actor, correlationId));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(declineSchema)
  decline(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(declineSchema)) body: DeclineRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.decisions.decline(id, body.reasonCode, actor, contextOf(actor, correlationId));
  }

  /** No capacity now: the person waits (waitlisted) and may still be accepted later. */
  @Post(':id/no-capacity')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  noCapacity(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.decisions.noCapacity(id, actor, contextOf(actor, correlationId));
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(closeReferralSchema)
  close(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(closeReferralSchema)) body: CloseReferralRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.decisions.close(id, body, actor, contextOf(actor, correlationId));
  }
}
