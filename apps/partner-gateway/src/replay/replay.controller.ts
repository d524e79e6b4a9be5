import { Controller, HttpCode, Post } from '@nestjs/common';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { type Agency, agencyActor } from '../registry/agencies.service';
import { AgencyRoutes, CurrentAgency } from '../registry/agency-auth.guard';
import { replayRequest, type ReplayRequest } from './replay.requests';
import { ReplayService } from './replay.service';

/** An agency asks for its logged events again, into one of its own subscriptions. */
@Controller('agency')
@AgencyRoutes()
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  @Post('subscriptions/:subscriptionId/replays')
  @HttpCode(202)
  replay(
    @CurrentAgency() agency: Agency,
    @UuidParam('subscriptionId') id: string,
    @ValidBody(replayRequest) body: ReplayRequest,
  ) {
    return this.replays.replay(agencyActor(agency), agency, id, body.from);
  }
}
