import { Idempotent } from '@reintegra/platform-database';
import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  type Actor,
  actorReference,
  canActInMunicipality,
  CurrentActor,
  Roles,
} from '@reintegra/platform-auth';
import { outsideMunicipality } from '@reintegra/platform-errors';
import {
  ApiJsonResponse,
  ApiProblems,
  CorrelationId,
  entityTag,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { PathQueryService } from '../reintegration-path/path-query.service';
import {
  openEpisodeRequestSchema,
  registerReturneeRequestSchema,
  type OpenEpisodeRequest,
  type RegisterReturneeRequest,
} from './register-returnee.requests';
import { RegisterReturneeService } from './register-returnee.service';
import { ReturnEpisodesService } from './return-episodes.service';
import { mergeReturneesRequestSchema, type MergeReturneesRequest } from './returnee-merge.requests';
import { ReturneeMergeService } from './returnee-merge.service';
import { ReturneeViewService } from './returnee-view.service';

/** Reads of a merged record point to the record it was merged into (308, Location). */
function redirectToSurvivor(response: Response, survivorId: string, suffix = '') {
  const location = `/returnees/${survivorId}${suffix}`;
  response.status(308).setHeader('Location', location);
  return { mergedInto: survivorId, links: { survivor: location } };
}
import { registrationResponseSchema } from './returnee.responses';

@Controller('returnees')
export class ReturneesController {
  constructor(
    private readonly registration: RegisterReturneeService,
    private readonly episodes: ReturnEpisodesService,
    private readonly merges: ReturneeMergeService,
    private readonly views: ReturneeViewService,
    private readonly paths: PathQueryService,
  ) {}

  /** Registers a returnee and opens the case; its reintegration path starts right after. */
  @Post()
  @Idempotent()
  @HttpCode(201)
  @Roles('intake-officer', 'national-supervisor')
  @ApiJsonResponse(201, registrationResponseSchema, {
    description: 'Registered; the case is open',
    headers: ['Location'],
  })
  @ApiProblems({
    409: 'Same DUI already registered (`existing`), or possible duplicates by name and birth date (`candidates`)',
  })
  async register(
    @CurrentActor() actor: Actor,
    @ValidBody(registerReturneeRequestSchema) body: RegisterReturneeRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!canActInMunicipality(actor, body.municipalityCode)) throw outsideMunicipality();
    const registered = await this.registration.register(body, {
      actor: actorReference(actor),
      correlationId: correlationId,
    });
    const self = `/returnees/${registered.returneeId}`;
    response.setHeader('Location', self);
    return { ...registered, links: { self, path: `${self}/path` } };
  }

  /** The person and their return episodes; contact details only for the intake officer. */
  @Get(':id')
  @Roles('intake-officer', 'supervisor', 'national-supervisor')
  @AuditedRead({
    action: 'returnee.read',
    // A merged record answers only where its survivor is: nothing personal was shown.
    subjects: (answer, params) =>
      answer && typeof answer === 'object' && 'mergedInto' in answer
        ? []
        : [{ returneeId: params['id'] as string }],
  })
  async read(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const read = await this.views.read(id, actor);
    if (read.kind === 'merged') return redirectToSurvivor(response, read.mergedInto);
    response.setHeader('ETag', entityTag(read.person.version));
    return read.person;
  }

  /** The person returned again: a new episode (case) on the same record. */
  @Post(':id/episodes')
  @Idempotent()
  @HttpCode(201)
  @Roles('intake-officer', 'national-supervisor')
  async openEpisode(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ValidBody(openEpisodeRequestSchema) body: OpenEpisodeRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!canActInMunicipality(actor, body.municipalityCode)) throw outsideMunicipality();
    const opened = await this.episodes.openEpisode(id, body, actor, correlationId);
    const caseLink = `/cases/${opened.caseId}`;
    response.setHeader('Location', caseLink);
    return { ...opened, links: { case: caseLink, returnee: `/returnees/${id}` } };
  }

  /** Two records of one person become one: an explicit, audited supervisor decision. */
  @Post(':id/merges')
  @HttpCode(200)
  @Roles('supervisor', 'national-supervisor')
  merge(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ValidBody(mergeReturneesRequestSchema) body: MergeReturneesRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.merges.merge(id, body, actor, correlationId);
  }

  /** The current reintegration path of the returnee's latest case, from the workflow. */
  @Get(':id/path')
  @Roles('intake-officer', 'supervisor', 'national-supervisor')
  @ApiJsonResponse(200, 'Phase, referrals and follow-ups of the latest case')
  @ApiProblems({
    404: 'No returnee with that id',
    503: 'The workflow engine did not answer in time: retry after Retry-After seconds',
  })
  async path(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const survivor = await this.views.mergedInto(id, actor);
    if (survivor) return redirectToSurvivor(response, survivor, '/path');
    return this.paths.currentPath(id, actor);
  }
}
