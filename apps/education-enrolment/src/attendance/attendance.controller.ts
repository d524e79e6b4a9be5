import { Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { type RecordSessionRequest, recordSessionSchema } from './attendance.requests';
import { AttendanceService } from './attendance.service';

@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** One session of a cohort with everyone's attendance; all rows are written or none. */
  @Post('cohorts/:id/sessions')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  record(
    @UuidParam('id') cohortId: string,
    @ValidBody(recordSessionSchema) body: RecordSessionRequest,
    @Caller() caller: Caller,
  ) {
    return this.attendance.recordSession(cohortId, body, caller.actor, caller.context);
  }
}
