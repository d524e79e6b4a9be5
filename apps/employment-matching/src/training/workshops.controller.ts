import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerOnly, CaseworkerWrite, OfficeRead } from '../core/routes';
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
  @CaseworkerWrite(201)
  create(
    @ValidBody(createWorkshopSchema) body: CreateWorkshopRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.workshops.create(body, actor);
  }

  @Get('workshops')
  @OfficeRead()
  list() {
    return this.workshops.list();
  }

  @Get('workshops/:id')
  @OfficeRead()
  get(@UuidParam('id') id: string) {
    return this.workshops.get(id);
  }

  @Get('workshops/:id/enrolments')
  @CaseworkerOnly()
  enrolments(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.workshops.enrolments(id, actor);
  }

  /** 201 enrolled; 409 `workshop.full` when no seat is left (never over-booked). */
  @Post('workshops/:id/enrolments')
  @CaseworkerWrite(201)
  enrol(
    @UuidParam('id') id: string,
    @ValidBody(enrolSchema) body: EnrolRequest,
    @Caller() caller: Caller,
  ) {
    return this.workshops.enrol(id, body.caseId, caller.actor, caller.context);
  }

  @Post('workshop-enrolments/:id/completion')
  @CaseworkerWrite(200)
  complete(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.workshops.complete(id, caller.actor, caller.context);
  }

  @Post('workshop-enrolments/:id/certification')
  @CaseworkerWrite(200)
  certify(@UuidParam('id') id: string, @Caller() caller: Caller) {
    return this.workshops.certify(id, caller.actor, caller.context);
  }

  @Post('workshop-enrolments/:id/drop')
  @CaseworkerWrite(200)
  drop(
    @UuidParam('id') id: string,
    @ValidBody(dropSchema) body: DropRequest,
    @Caller() caller: Caller,
  ) {
    return this.workshops.drop(id, body.reasonCode, caller.actor, caller.context);
  }
}
