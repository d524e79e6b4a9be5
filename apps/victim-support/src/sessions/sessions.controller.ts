import { Controller, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { COUNSELLOR } from '../core/access-policy';
import {
  addServiceSchema,
  type AddServiceRequest,
  closeRecordSchema,
  type CloseRecordRequest,
  recordSessionSchema,
  type RecordSessionRequest,
} from './sessions.requests';
import { SessionsService } from './sessions.service';

/** Care content: counsellors only; the need-to-know rule per record is CareRecordAccess's. */
@Controller()
@Roles(COUNSELLOR)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('care-records/:reference/services')
  @HttpCode(201)
  addService(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(addServiceSchema) body: AddServiceRequest,
  ) {
    return this.sessions.addService(actor, reference, body);
  }

  @Post('care-records/:reference/sessions')
  @HttpCode(201)
  recordSession(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(recordSessionSchema) body: RecordSessionRequest,
  ) {
    return this.sessions.recordSession(actor, reference, body);
  }

  @Post('care-records/:reference/closure')
  @HttpCode(200)
  close(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(closeRecordSchema) body: CloseRecordRequest,
  ) {
    return this.sessions.close(actor, reference, body);
  }
}
