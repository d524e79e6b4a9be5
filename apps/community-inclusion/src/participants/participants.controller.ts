import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { MembershipsService } from './memberships.service';
import {
  type ConsentWithdrawalRequest,
  consentWithdrawalSchema,
  type JoinActivityRequest,
  joinActivitySchema,
  type RegisterParticipantRequest,
  registerParticipantSchema,
  type WithdrawalRequest,
  withdrawalSchema,
} from './participants.requests';
import { ParticipantsService } from './participants.service';

/** Participants and their places in activities: the facilitators of the municipality, or an admin. */
@Controller()
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly memberships: MembershipsService,
  ) {}

  @Post('participants')
  @HttpCode(201)
  @Roles('community-facilitator', 'admin')
  register(
    @ValidBody(registerParticipantSchema) body: RegisterParticipantRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.participants.register(body, actor);
  }

  @Get('participants/:id')
  @Roles('community-facilitator', 'admin')
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participants.get(id, actor);
  }

  @Post('participants/:id/consent-withdrawals')
  @HttpCode(200)
  @Roles('community-facilitator', 'admin')
  withdrawConsent(
    @UuidParam('id') id: string,
    @ValidBody(consentWithdrawalSchema) body: ConsentWithdrawalRequest,
    @Caller() caller: Caller,
  ) {
    return this.participants.withdrawConsent(id, body, caller.actor, caller.context);
  }

  @Post('activities/:id/participants')
  @HttpCode(201)
  @Roles('community-facilitator', 'admin')
  join(
    @UuidParam('id') activityId: string,
    @ValidBody(joinActivitySchema) body: JoinActivityRequest,
    @Caller() caller: Caller,
  ) {
    return this.memberships.join(activityId, body, caller.actor, caller.context);
  }

  @Get('activities/:id/participants')
  @Roles('community-facilitator', 'admin')
  list(@UuidParam('id') activityId: string, @CurrentActor() actor: Actor) {
    return this.memberships.list(activityId, actor);
  }

  @Post('memberships/:id/withdrawal')
  @HttpCode(200)
  @Roles('community-facilitator', 'admin')
  withdraw(
    @UuidParam('id') id: string,
    @ValidBody(withdrawalSchema) body: WithdrawalRequest,
    @Caller() caller: Caller,
  ) {
    return this.memberships.withdraw(id, body, caller.actor, caller.context);
  }
}
