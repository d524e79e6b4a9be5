import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ValidQuery } from '@reintegra/platform-http';
import { DASHBOARD_ROLES, municipalityFilter, scopeOf } from '../core/scope';
import { CommunityInclusion } from './community-inclusion.queries';
import {
  type CommunityInclusionQuery,
  communityInclusionQuerySchema,
} from './community-inclusion.requests';

@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class CommunityInclusionController {
  constructor(private readonly communityInclusion: CommunityInclusion) {}

  /** Activities running, participants, sustained participation and retention per municipality. */
  @Get('community-inclusion')
  compute(
    @CurrentActor() actor: Actor,
    @ValidQuery(communityInclusionQuerySchema) query: CommunityInclusionQuery,
  ) {
    return this.communityInclusion.compute(municipalityFilter(scopeOf(actor), query.municipality));
  }
}
