import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { COUNSELLOR, SUPERVISOR } from '../core/access-policy';
import {
  breakGlassSchema,
  type BreakGlassRequest,
  eraseRecordSchema,
  type EraseRecordRequest,
} from './break-glass.requests';
import { BreakGlassService } from './break-glass.service';
import { ErasureService } from './erasure.service';

/** Break-glass (counsellors), its review and erasure (the victim-support supervisor). */
@Controller()
@Roles(COUNSELLOR, SUPERVISOR)
export class BreakGlassController {
  constructor(
    private readonly breakGlass: BreakGlassService,
    private readonly erasure: ErasureService,
  ) {}

  @Post('care-records/:reference/break-glass')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  grant(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(breakGlassSchema) body: BreakGlassRequest,
  ) {
    return this.breakGlass.breakGlass(actor, reference, body);
  }

  @Get('supervisor/notifications')
  @Roles(SUPERVISOR)
  notifications(@CurrentActor() actor: Actor) {
    return this.breakGlass.openNotifications(actor);
  }

  @Post('supervisor/notifications/:id/acknowledgement')
  @Roles(SUPERVISOR)
  @HttpCode(200)
  acknowledge(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.breakGlass.acknowledgeNotification(actor, id);
  }

  @Post('care-records/:reference/erasure')
  @Roles(SUPERVISOR)
  @HttpCode(200)
  erase(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(eraseRecordSchema) body: EraseRecordRequest,
  ) {
    return this.erasure.erase(actor, reference, body);
  }
}
