import { Controller, Post } from '@nestjs/common';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerWrite } from '../core/routes';
import { type RecordSessionRequest, recordSessionSchema } from './attendance.requests';
import { AttendanceService } from './attendance.service';

@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** One session of a cohort with everyone's attendance; all rows are written or none. */
  @Post('cohorts/:id/sessions')
  @CaseworkerWrite(201)
  record(
    @UuidParam('id') cohortId: string,
    @ValidBody(recordSessionSchema) body: RecordSessionRequest,
    @Caller() caller: Caller,
  ) {
    return this.attendance.recordSession(cohortId, body, caller.actor, caller.context);
  }
}
