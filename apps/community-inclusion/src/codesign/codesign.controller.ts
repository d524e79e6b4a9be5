import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { FacilitatorWrite, OfficeRead } from '../core/routes';
import {
  type DecisionRequest,
  decisionSchema,
  type ProposalRequest,
  proposalSchema,
  type VoteRequest,
  voteSchema,
} from './codesign.requests';
import { CodesignService } from './codesign.service';

/** Co-design: the facilitator records proposals, votes and decisions; supervisors read the report. */
@Controller()
export class CodesignController {
  constructor(private readonly codesign: CodesignService) {}

  @Post('activities/:id/proposals')
  @FacilitatorWrite(201)
  propose(
    @UuidParam('id') activityId: string,
    @ValidBody(proposalSchema) body: ProposalRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.codesign.propose(activityId, body, actor);
  }

  @Get('activities/:id/proposals')
  @OfficeRead()
  list(@UuidParam('id') activityId: string, @CurrentActor() actor: Actor) {
    return this.codesign.list(activityId, actor);
  }

  @Get('activities/:id/co-design-report')
  @OfficeRead()
  report(@UuidParam('id') activityId: string, @CurrentActor() actor: Actor) {
    return this.codesign.report(activityId, actor);
  }

  @Post('proposals/:id/votes')
  @FacilitatorWrite(200)
  vote(
    @UuidParam('id') proposalId: string,
    @ValidBody(voteSchema) body: VoteRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.codesign.vote(proposalId, body, actor);
  }

  @Post('proposals/:id/decision')
  @FacilitatorWrite(200)
  decide(
    @UuidParam('id') proposalId: string,
    @ValidBody(decisionSchema) body: DecisionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.codesign.decide(proposalId, body, actor);
  }
}
