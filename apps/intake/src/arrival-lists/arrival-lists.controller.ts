import { Body, Controller, Get, Headers, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonBody,
  ApiJsonResponse,
  ApiProblems,
  preferredLanguage,
  UuidParam,
  ValidQuery,
} from '@reintegra/platform-http';
import { ArrivalListProcessor } from './arrival-list.processor';
import {
  type ArrivalEntriesQuery,
  arrivalEntriesQuerySchema,
  arrivalListUploadSchema,
  type ArrivalTripsQuery,
  arrivalTripsQuerySchema,
} from './arrival-list.requests';
import { arrivalEntryPageSchema, arrivalListSchema } from './arrival-list.responses';
import { ARRIVAL_COLUMNS } from './arrival-row';
import { sourceOf } from './arrival-list-source';
import { ArrivalListsService } from './arrival-lists.service';

const STATUS_BY_OUTCOME = { completed: 201, processing: 202, existing: 200 } as const;

/** Pre-intake: flight and bus manifests become pending entries to register. */
@Controller('arrival-lists')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class ArrivalListsController {
  constructor(
    private readonly lists: ArrivalListsService,
    private readonly processor: ArrivalListProcessor,
  ) {}

  /**
   * Imports a manifest (CSV with a header row, or JSON). Bad rows are reported, good rows kept.
   * The same file again returns the same import (200). Up to 500 rows: processed at once (201);
   * more: processed in batches after the answer (202), progress at the Location.
   */
  @Post()
  @Roles('intake-officer', 'national-supervisor')
  @ApiJsonBody(arrivalListUploadSchema, {
    alsoAccepts: ['text/csv'],
    description: `JSON, or CSV with the header ${ARRIVAL_COLUMNS.join(',')} (dui, municipalityCode, familyGroup and familyRole may be empty or left out)`,
  })
  @ApiJsonResponse(201, arrivalListSchema, { description: 'Imported', headers: ['Location'] })
  @ApiJsonResponse(202, arrivalListSchema, {
    description: 'Accepted: processing in batches; poll the Location',
    headers: ['Location'],
  })
  @ApiJsonResponse(200, arrivalListSchema, {
    description: 'The same file was imported before: that import',
    headers: ['Location'],
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { id, outcome } = await this.lists.import(sourceOf(body, contentType), actor);
    if (outcome === 'processing') this.processor.wake();
    response.status(STATUS_BY_OUTCOME[outcome]).setHeader('Location', `/arrival-lists/${id}`);
    return this.lists.view(id, preferredLanguage(acceptLanguage));
  }

  /** The flights and buses arriving on a day (reception's list of the day), with people still to register. */
  @Get()
  @ApiJsonResponse(
    200,
    'Trips of the day: list id, transport, trip number, pending and registered people',
  )
  trips(
    @CurrentActor() actor: Actor,
    @ValidQuery(arrivalTripsQuerySchema) query: ArrivalTripsQuery,
  ) {
    return this.lists.trips(actor, query);
  }

  /** Progress, counts and row errors of an import. */
  @Get(':id')
  @ApiJsonResponse(200, arrivalListSchema)
  @ApiProblems({ 404: 'No arrival list with that id' })
  status(
    @UuidParam('id') id: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ) {
    return this.lists.view(id, preferredLanguage(acceptLanguage));
  }

  /** People of an import, by row; municipal staff see their municipality and unassigned rows. */
  @Get(':id/entries')
  @ApiJsonResponse(200, arrivalEntryPageSchema)
  @ApiProblems({ 404: 'No arrival list with that id' })
  entries(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ValidQuery(arrivalEntriesQuerySchema) query: ArrivalEntriesQuery,
  ) {
    return this.lists.entries(id, actor, query);
  }
}
