import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { FacilitatorWrite } from '../core/routes';
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
  @FacilitatorWrite(200)
  decline(
    @UuidParam('id') id: string,
    @ValidBody(declineSchema) body: DeclineRequest,
    @Caller() caller: Caller,
  ) {
    return this.referrals.decline(id, body.reasonCode, caller.actor, caller.context);
  }
}
