import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { UuidParam } from '@reintegra/platform-http';
import { FacilitatorOnly } from '../core/routes';
import { ParticipationService } from './participation.service';

/** Sustained participation and the drop-off list: for the activity's facilitators (and admin). */
@Controller()
@FacilitatorOnly()
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('activities/:id/participation')
  forActivity(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participation.forActivity(id, actor);
  }

  @Get('activities/:id/drop-offs')
  dropOffs(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participation.dropOffs(id, actor);
  }

  @Get('participants/:id/participation')
  forParticipant(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.participation.forParticipant(id, actor);
  }
}
