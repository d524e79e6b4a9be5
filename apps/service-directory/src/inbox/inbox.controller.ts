import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import {
  type CompletionRequest,
  completionSchema,
  type DeclineRequest,
  declineSchema,
} from './inbox.requests';
import { InboxService } from './inbox.service';

/** The inbox of an outside organisation: only its own referrals, only need-to-know facts. */
@Controller('provider-inbox/referrals')
@Roles('provider-staff')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.inbox.list(actor);
  }

  @Get(':referralId')
  get(@UuidParam('referralId') referralId: string, @CurrentActor() actor: Actor) {
    return this.inbox.get(referralId, actor);
  }

  @Post(':referralId/acceptance')
  @HttpCode(200)
  accept(@UuidParam('referralId') referralId: string, @Caller() caller: Caller) {
    return this.inbox.answer(referralId, 'accepted', undefined, caller.actor, caller.context);
  }

  @Post(':referralId/decline')
  @HttpCode(200)
  decline(
    @UuidParam('referralId') referralId: string,
    @ValidBody(declineSchema) body: DeclineRequest,
    @Caller() caller: Caller,
  ) {
    return this.inbox.answer(referralId, 'declined', body.reasonCode, caller.actor, caller.context);
  }

  @Post(':referralId/no-capacity')
  @HttpCode(200)
  noCapacity(@UuidParam('referralId') referralId: string, @Caller() caller: Caller) {
    return this.inbox.answer(referralId, 'no-capacity', undefined, caller.actor, caller.context);
  }

  @Post(':referralId/start')
  @HttpCode(200)
  start(@UuidParam('referralId') referralId: string, @Caller() caller: Caller) {
    return this.inbox.answer(referralId, 'in-progress', undefined, caller.actor, caller.context);
  }

  @Post(':referralId/completion')
  @HttpCode(200)
  complete(
    @UuidParam('referralId') referralId: string,
    @ValidBody(completionSchema) body: CompletionRequest,
    @Caller() caller: Caller,
  ) {
    return this.inbox.answer(
      referralId,
      'completed',
      body.outcomeCode,
      caller.actor,
      caller.context,
    );
  }

  @Post(':referralId/non-completion')
  @HttpCode(200)
  notComplete(
    @UuidParam('referralId') referralId: string,
    @ValidBody(declineSchema) body: DeclineRequest,
    @Caller() caller: Caller,
  ) {
    return this.inbox.answer(
      referralId,
      'not-completed',
      body.reasonCode,
      caller.actor,
      caller.context,
    );
  }
}
