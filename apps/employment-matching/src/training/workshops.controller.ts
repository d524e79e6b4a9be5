import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import {
  type CreateWorkshopRequest,
  createWorkshopSchema,
  type DropRequest,
  dropSchema,
  type EnrolRequest,
  enrolSchema,
} from './workshops.requests';
import { WorkshopsService } from './workshops.service';

/** Workshop-school cohorts (escuela taller) and their enrolments. */
@Controller()
export class WorkshopsController {
  constructor(private readonly workshops: WorkshopsService) {}

  @Post('workshops')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  create(
    @ValidBody(createWorkshopSchema) body: CreateWorkshopRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.workshops.create(body, actor);
  }

  @Get('workshops')
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list() {
    return this.workshops.list();
  }

  @Get('workshops/:id')
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  get(@UuidParam('id') id: string) {
    return this.workshops.get(id);
  }

  @Get('workshops/:id/enrolments')
  @Roles('employment-caseworker', 'admin')
  enrolments(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.workshops.enrolments(id, actor);
  }

  /** 201 enrolled; 409 `workshop.full` when no seat is left (never over-booked). */
  @Post('workshops/:id/enrolments')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  enrol(
    @UuidParam('id') id: string,
    @ValidBody(enrolSchema) body: EnrolRequest,
    @Caller() caller: Caller,
  ) {
    return this.workshops.enrol(id, body.caseId, caller.actor, caller.context);
  }

  @Post('workshop-enrolments/:id/completion')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  complete(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.workshops.complete(id, caller.actor, caller.context);
  }

  @Post('workshop-enrolments/:id/certification')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  certify(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.workshops.certify(id, caller.actor, caller.context);
  }

  @Post('workshop-enrolments/:id/drop')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  drop(
    @UuidParam('id') id: string,
    @ValidBody(dropSchema) body: DropRequest,
    @Caller() caller: Caller,
  ) {
    return this.workshops.drop(id, body.reasonCode, caller.actor, caller.context);
  }
}
