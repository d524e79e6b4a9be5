import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { contextOf } from '../events/employment-events';
import {
  type CreateProjectRequest,
  createProjectSchema,
  type MoveProjectRequest,
  moveProjectSchema,
} from './project-requests';
import { ProjectsService } from './projects.service';

const uuid = new ParseUUIDPipe();

/** Entrepreneurship projects: idea → approved → seed support → operating | closed. */
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get('candidates/:caseId/projects')
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list(@Param('caseId', uuid) caseId: string, @CurrentActor() actor: Actor) {
    return this.projects.list(caseId, actor);
  }

  @Post('candidates/:caseId/projects')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(createProjectSchema)
  create(
    @Param('caseId', uuid) caseId: string,
    @Body(new ZodValidationPipe(createProjectSchema)) body: CreateProjectRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.projects.create(caseId, body, actor, contextOf(actor, correlationId));
  }

  @Post('projects/:id/transitions')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(moveProjectSchema)
  move(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(moveProjectSchema)) body: MoveProjectRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.projects.move(id, body, actor, contextOf(actor, correlationId));
  }
}
