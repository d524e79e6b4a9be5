import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, eventContextOf, Roles } from '@reintegra/platform-auth';
import { CorrelationId, UuidParam, ValidBody } from '@reintegra/platform-http';
import { type DeclineRequest, declineSchema } from './referrals.requests';
import { ReferralsService } from './referrals.service';

@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** The community referrals naming the caller's organisation (all for national roles). */
  @Get()
  @Roles('community-facilitator', 'national-supervisor', 'admin')
  list(@CurrentActor() actor: Actor) {
    return this.referrals.list(actor);
  }

  /** No suitable activity: the referral is declined with a reason code. */
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('community-facilitator', 'admin')
  decline(
    @UuidParam('id') id: string,
    @ValidBody(declineSchema) body: DeclineRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    return this.referrals.decline(id, body.reasonCode, actor, eventContextOf(actor, correlationId));
  }
}
