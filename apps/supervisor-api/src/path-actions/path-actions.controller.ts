import { Controller, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiProblems, CorrelationId, UuidParam, ValidBody } from '@reintegra/platform-http';
import {
  type PausePathRequest,
  pausePathSchema,
  type ReassignOfficerRequest,
  reassignOfficerSchema,
} from './path-actions.requests';
import { PathActions } from './path-actions.service';

/** The supervisor's changes to a running path: who follows it, pause and resume. */
@Controller('api/cases/:caseId/path')
@Roles('supervisor')
export class PathActionsController {
  constructor(private readonly actions: PathActions) {}

  @Post('officer')
  @HttpCode(200)
  @ApiProblems({ 404: 'No such case in your municipality', 409: 'The path refused the change' })
  reassign(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(reassignOfficerSchema) body: ReassignOfficerRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.actions.reassignOfficer(caseId, body.officerId, actor, correlationId);
  }

  @Post('pause')
  @HttpCode(200)
  @ApiProblems({ 404: 'No such case in your municipality', 409: 'The path refused the change' })
  pause(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(pausePathSchema) body: PausePathRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.actions.setPaused(caseId, body.paused, body.reasonCode, actor, correlationId);
  }
}
