import { Controller, Get, Headers, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ValidationFailedError } from '@reintegra/platform-errors';
import {
  CorrelationId,
  preferredLanguage,
  PROBLEM_CONTENT_TYPE,
  ValidQuery,
} from '@reintegra/platform-http';
import { DASHBOARD_ROLES, municipalityFilter, scopeOf } from '../core/scope';
import { CommunityClient } from './community-client';
import { CommunityInclusion } from './community-inclusion.queries';
import {
  type CommunityInclusionQuery,
  communityInclusionQuerySchema,
} from './community-inclusion.requests';

const UNAVAILABLE = {
  es: 'El servicio de inclusión comunitaria no responde. Intente de nuevo más tarde.',
  en: 'The community inclusion service is not answering. Try again later.',
};

@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class CommunityInclusionController {
  constructor(
    private readonly communityInclusion: CommunityInclusion,
    private readonly community: CommunityClient,
  ) {}

  /** Activities running, participants, sustained participation and retention per municipality. */
  @Get('community-inclusion')
  compute(
    @CurrentActor() actor: Actor,
    @ValidQuery(communityInclusionQuerySchema) query: CommunityInclusionQuery,
  ) {
    return this.communityInclusion.compute(municipalityFilter(scopeOf(actor), query.municipality));
  }

  /**
   * Cohesion: the pulse survey's pre/post means of one municipality, as the community service
   * computes them (it owns the answers and suppresses cells under 5). The scope is checked here
   * first; the service checks it again with the supervisor's own token.
   */
  @Get('community-inclusion/cohesion')
  async cohesion(
    @CurrentActor() actor: Actor,
    @ValidQuery(communityInclusionQuerySchema) query: CommunityInclusionQuery,
    @Headers('authorization') authorization: string,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() response: Response,
  ) {
    const municipality = municipalityFilter(scopeOf(actor), query.municipality);
    if (municipality === null)
      throw new ValidationFailedError([
        { field: 'municipality', message: 'Elija un municipio / choose a municipality' },
      ]);
    const answer = await this.community.get(
      `/outcomes?municipalityCode=${encodeURIComponent(municipality)}`,
      { authorization, language: language ?? 'es', correlationId },
    );
    if (answer === 'unavailable') {
      response
        .status(502)
        .type(PROBLEM_CONTENT_TYPE)
        .send({
          type: 'urn:reintegra:problem:community.unavailable',
          title: UNAVAILABLE[preferredLanguage(language)],
          status: 502,
          code: 'community.unavailable',
          instance: '/api/community-inclusion/cohesion',
        });
      return;
    }
    response.status(answer.status).type(answer.contentType).send(answer.body);
  }
}
