import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { correlationIdFrom } from '../access/correlation';
import { type RecordSessionRequest, recordSessionSchema } from './attendance.request';
import { AttendanceService } from './attendance.service';

@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** One session of a cohort with everyone's attendance; all rows are written or none. */
  @Post('cohorts/:id/sessions')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(recordSessionSchema)
  record(
    @Param('id', new ParseUUIDPipe({ version: '4' })) cohortId: string,
    @Body(new ZodValidationPipe(recordSessionSchema)) body: RecordSessionRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.attendance.recordSession(cohortId, body, actor, correlationIdFrom(correlationId));
  }
}
