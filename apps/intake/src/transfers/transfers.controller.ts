import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiProblems, CorrelationId, UuidParam, ValidBody } from '@reintegra/platform-http';
import {
  type DeclineRequest,
  declineRequestSchema,
  type TransferRequest,
  transferRequestSchema,
} from './transfer.requests';
import { TransfersService } from './transfers.service';

/** Transfers between municipalities' offices: the sending office asks, the receiving one answers. */
@Controller()
@Roles('intake-officer', 'supervisor')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post('cases/:caseId/transfers')
  @HttpCode(201)
  @ApiProblems({ 409: 'Case closed or a transfer already waiting', 422: 'Same municipality' })
  request(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(transferRequestSchema) body: TransferRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.transfers.request(caseId, body, actor, correlationId);
  }

  @Get('transfers/incoming')
  incoming(@CurrentActor() actor: Actor) {
    return this.transfers.incoming(actor);
  }

  /** What this office asked of others, answered or not: the sending side's follow-up. */
  @Get('transfers/outgoing')
  outgoing(@CurrentActor() actor: Actor) {
    return this.transfers.outgoing(actor);
  }

  @Post('transfers/:id/acceptance')
  @HttpCode(200)
  @ApiProblems({ 404: 'No such transfer', 409: 'Already answered, or the case closed' })
  accept(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @CorrelationId() correlationId: string,
  ) {
    return this.transfers.accept(id, actor, correlationId);
  }

  @Post('transfers/:id/decline')
  @HttpCode(200)
  @ApiProblems({ 404: 'No such transfer', 409: 'Already answered' })
  decline(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ValidBody(declineRequestSchema) body: DeclineRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.transfers.decline(id, body, actor, correlationId);
  }
}
