import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, entityTag, ZodValidationPipe } from '@reintegra/platform-http';
import { contextOf } from '../events/employment-events';
import { MatchingService } from '../matching/matching.service';
import { listLimitSchema } from '../requests/common';
import {
  type CreateEmployerRequest,
  createEmployerSchema,
  type CreateVacancyRequest,
  createVacancySchema,
  type UpdateVacancyRequest,
  updateVacancySchema,
} from './vacancy-requests';
import { VacanciesService } from './vacancies.service';

const uuid = new ParseUUIDPipe();
const openFilter = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true'));

/** Employer partners post and manage their vacancies; office staff read them to match people. */
@Controller()
export class VacanciesController {
  constructor(
    private readonly vacancies: VacanciesService,
    private readonly matching: MatchingService,
  ) {}

  @Post('employers')
  @HttpCode(201)
  @Roles('partner', 'admin')
  @ApiJsonBody(createEmployerSchema)
  createEmployer(
    @Body(new ZodValidationPipe(createEmployerSchema)) body: CreateEmployerRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.vacancies.createEmployer(body, actor);
  }

  @Post('vacancies')
  @HttpCode(201)
  @Roles('partner', 'admin')
  @ApiJsonBody(createVacancySchema)
  async create(
    @Body(new ZodValidationPipe(createVacancySchema)) body: CreateVacancyRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const vacancy = await this.vacancies.create(body, actor, contextOf(actor, correlationId));
    response.setHeader('Location', `/vacancies/${vacancy.id}`);
    response.setHeader('ETag', entityTag(vacancy.version));
    return vacancy;
  }

  @Get('vacancies')
  @Roles('partner', 'employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list(
    @Query('open', new ZodValidationPipe(openFilter)) open: boolean | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.vacancies.list(actor, { open });
  }

  @Get('vacancies/:id')
  @Roles('partner', 'employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  async get(
    @Param('id', uuid) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const vacancy = await this.vacancies.get(id, actor);
    response.setHeader('ETag', entityTag(vacancy.version));
    return vacancy;
  }

  /** Open/close (closing withdraws open proposals) or resize; If-Match with the ETag read. */
  @Patch('vacancies/:id')
  @Roles('partner', 'admin')
  @ApiJsonBody(updateVacancySchema)
  async update(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(updateVacancySchema)) body: UpdateVacancyRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const vacancy = await this.vacancies.update(
      id,
      body,
      ifMatch,
      actor,
      contextOf(actor, correlationId),
    );
    response.setHeader('ETag', entityTag(vacancy.version));
    return vacancy;
  }

  /** The caller's open candidates ranked for this vacancy, each with its explanation. */
  @Get('vacancies/:id/matches')
  @Roles('employment-caseworker', 'national-supervisor', 'admin')
  matches(
    @Param('id', uuid) id: string,
    @Query('limit', new ZodValidationPipe(listLimitSchema)) limit: number,
    @CurrentActor() actor: Actor,
  ) {
    return this.matching.candidatesFor(id, actor, limit);
  }
}
