import { Controller, Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { FacilitatorOnly, FacilitatorWrite } from '../core/routes';
import {
  type AttendanceSheetRequest,
  attendanceSheetSchema,
  type CreateSessionRequest,
  createSessionSchema,
} from './attendance.requests';
import { AttendanceService } from './attendance.service';

/** Sessions and attendance: the activity's facilitators (and admin), from a phone, online or later. */
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Post('activities/:id/sessions')
  @FacilitatorWrite(201)
  createSession(
    @UuidParam('id') activityId: string,
    @ValidBody(createSessionSchema) body: CreateSessionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.attendance.createSession(activityId, body, actor);
  }

  @Get('activities/:id/sessions')
  @FacilitatorOnly()
  sessions(@UuidParam('id') activityId: string, @CurrentActor() actor: Actor) {
    return this.attendance.sessions(activityId, actor);
  }

  /** A whole sheet (e.g. 40 people) in one request; replaying it records nothing twice. */
  @Post('sessions/:id/attendance')
  @FacilitatorWrite(200)
  record(
    @UuidParam('id') sessionId: string,
    @ValidBody(attendanceSheetSchema) body: AttendanceSheetRequest,
    @Caller() caller: Caller,
  ) {
    return this.attendance.record(sessionId, body, caller.actor, caller.context);
  }
}
