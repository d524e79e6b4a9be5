import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam } from '@reintegra/platform-http';
import { ParticipationService } from './participation.service';

/** Sustained participation and the drop-off list: for the activity's facilitators (and admin). */
@Controller()
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('activities/:id/participation')
  @Roles('community-facilitator', 'admin')
  forActivity(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participation.forActivity(id, actor);
  }

  @Get('activities/:id/drop-offs')
  @Roles('community-facilitator', 'admin')
  dropOffs(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participation.dropOffs(id, actor);
  }

  @Get('participants/:id/participation')
  @Roles('community-facilitator', 'admin')
  forParticipant(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participation.forParticipant(id, actor);
  }
}
