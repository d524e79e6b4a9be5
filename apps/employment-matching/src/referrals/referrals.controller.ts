import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerWrite, OfficeRead } from '../core/routes';
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
  @OfficeRead()
  list(@CurrentActor() actor: Actor) {
    return this.decisions.list(actor);
  }

  @Post(':id/acceptance')
  @CaseworkerWrite(200)
  accept(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.decisions.accept(id, caller.actor, caller.context);
  }

  @Post(':id/decline')
  @CaseworkerWrite(200)
  decline(
    @UuidParam('id') id: string,
    @ValidBody(declineSchema) body: DeclineRequest,
    @Caller() caller: Caller,
  ) {
    return this.decisions.decline(id, body.reasonCode, caller.actor, caller.context);
  }

  /** No capacity now: the person waits (waitlisted) and may still be accepted later. */
  @Post(':id/no-capacity')
  @CaseworkerWrite(200)
  noCapacity(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.decisions.noCapacity(id, caller.actor, caller.context);
  }

  @Post(':id/closure')
  @CaseworkerWrite(200)
  close(
    @UuidParam('id') id: string,
    @ValidBody(closeReferralSchema) body: CloseReferralRequest,
    @Caller() caller: Caller,
  ) {
    return this.decisions.close(id, body, caller.actor, caller.context);
  }
}
