import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { FacilitatorOnly, FacilitatorWrite } from '../core/routes';
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
  @FacilitatorWrite(201)
  register(
    @ValidBody(registerParticipantSchema) body: RegisterParticipantRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.participants.register(body, actor);
  }

  @Get('participants/:id')
  @FacilitatorOnly()
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participants.get(id, actor);
  }

  @Post('participants/:id/consent-withdrawals')
  @FacilitatorWrite(200)
  withdrawConsent(
    @UuidParam('id') id: string,
    @ValidBody(consentWithdrawalSchema) body: ConsentWithdrawalRequest,
    @Caller() caller: Caller,
  ) {
    return this.participants.withdrawConsent(id, body, caller.actor, caller.context);
  }

  @Post('activities/:id/participants')
  @FacilitatorWrite(201)
  join(
    @UuidParam('id') activityId: string,
    @ValidBody(joinActivitySchema) body: JoinActivityRequest,
    @Caller() caller: Caller,
  ) {
    return this.memberships.join(activityId, body, caller.actor, caller.context);
  }

  @Get('activities/:id/participants')
  @FacilitatorOnly()
  list(@UuidParam('id') activityId: string, @CurrentActor() actor: Actor) {
    return this.memberships.list(activityId, actor);
  }

  @Post('memberships/:id/withdrawal')
  @FacilitatorWrite(200)
  withdraw(
    @UuidParam('id') id: string,
    @ValidBody(withdrawalSchema) body: WithdrawalRequest,
    @Caller() caller: Caller,
  ) {
    return this.memberships.withdraw(id, body, caller.actor, caller.context);
  }
}
