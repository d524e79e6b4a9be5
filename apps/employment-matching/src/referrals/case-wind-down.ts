import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProjectsService } from '../entrepreneurship/projects.service';
import type { EventContext } from '../events/employment-events';
import { PlacementsService } from '../placements/placements.service';
import { WorkshopsService } from '../training/workshops.service';

/**
 * Stops the work under way for a person whose referral ended or who withdrew consent: open
 * proposals are withdrawn, workshop seats given back, unfinished projects closed, each with the
 * reason code and its event. The caller holds the candidate's row lock.
 */
@Injectable()
export class CaseWindDown {
  constructor(
    private readonly placements: PlacementsService,
    private readonly workshops: WorkshopsService,
    private readonly projects: ProjectsService,
  ) {}

  async stop(
    manager: EntityManager,
    caseId: string,
    reasonCode: string,
    context: EventContext,
  ): Promise<void> {
    await this.placements.withdrawOpen(manager, { caseId }, reasonCode, context);
    await this.workshops.dropAllIn(manager, caseId, reasonCode, context);
    await this.projects.closeUnfinishedIn(manager, caseId, reasonCode, context);
  }
}
