import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerWrite, OfficeRead } from '../core/routes';
import {
  type CreateProjectRequest,
  createProjectSchema,
  type MoveProjectRequest,
  moveProjectSchema,
} from './projects.requests';
import { ProjectsService } from './projects.service';

/** Entrepreneurship projects: idea → approved → seed support → operating | closed. */
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get('candidates/:caseId/projects')
  @OfficeRead()
  list(@UuidParam('caseId') caseId: string, @CurrentActor() actor: Actor) {
    return this.projects.list(caseId, actor);
  }

  @Post('candidates/:caseId/projects')
  @CaseworkerWrite(201)
  create(
    @UuidParam('caseId') caseId: string,
    @ValidBody(createProjectSchema) body: CreateProjectRequest,
    @Caller() caller: Caller,
  ) {
    return this.projects.create(caseId, body, caller.actor, caller.context);
  }

  @Post('projects/:id/transitions')
  @CaseworkerWrite(200)
  move(
    @UuidParam('id') id: string,
    @ValidBody(moveProjectSchema) body: MoveProjectRequest,
    @Caller() caller: Caller,
  ) {
    return this.projects.move(id, body, caller.actor, caller.context);
  }
}
