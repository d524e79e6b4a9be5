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
  type CreateWorkshopRequest,
  createWorkshopSchema,
  type DropRequest,
  dropSchema,
  type EnrolRequest,
  enrolSchema,
} from './workshop-requests';
import { WorkshopsService } from './workshops.service';

const uuid = new ParseUUIDPipe();

/** Workshop-school cohorts (escuela taller) and their enrolments. */
@Controller()
export class WorkshopsController {
  constructor(private readonly workshops: WorkshopsService) {}

  @Post('workshops')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(createWorkshopSchema)
  create(
    @Body(new ZodValidationPipe(createWorkshopSchema)) body: CreateWorkshopRequest,
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
  get(@Param('id', uuid) id: string) {
    return this.workshops.get(id);
  }

  @Get('workshops/:id/enrolments')
  @Roles('employment-caseworker', 'admin')
  enrolments(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.workshops.enrolments(id, actor);
  }

  /** 201 enrolled; 409 `workshop.full` when no seat is left (never over-booked). */
  @Post('workshops/:id/enrolments')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(enrolSchema)
  enrol(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(enrolSchema)) body: EnrolRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.workshops.enrol(id, body.caseId, actor, contextOf(actor, correlationId));
  }

  @Post('workshop-enrolments/:id/completion')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  complete(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.workshops.complete(id, actor, contextOf(actor, correlationId));
  }

  @Post('workshop-enrolments/:id/certification')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  certify(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.workshops.certify(id, actor, contextOf(actor, correlationId));
  }

  @Post('workshop-enrolments/:id/drop')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(dropSchema)
  drop(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(dropSchema)) body: DropRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.workshops.drop(id, body.reasonCode, actor, contextOf(actor, correlationId));
  }
}
