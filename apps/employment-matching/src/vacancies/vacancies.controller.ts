import { Controller, Get, Headers, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  Caller,
  entityTag,
  UuidParam,
  ValidBody,
  ZodValidationPipe,
} from '@reintegra/platform-http';
import { EmployerWrite, PartnerRead } from '../core/routes';
import { MatchingService } from '../matching/matching.service';
import { listLimitSchema } from '../core/common.requests';
import {
  type CreateEmployerRequest,
  createEmployerSchema,
  type CreateVacancyRequest,
  createVacancySchema,
  type UpdateVacancyRequest,
  updateVacancySchema,
} from './vacancies.requests';
import { VacanciesService } from './vacancies.service';

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
  @EmployerWrite(201)
  createEmployer(
    @ValidBody(createEmployerSchema) body: CreateEmployerRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.vacancies.createEmployer(body, actor);
  }

  @Post('vacancies')
  @EmployerWrite(201)
  async create(
    @ValidBody(createVacancySchema) body: CreateVacancyRequest,
    @Caller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const vacancy = await this.vacancies.create(body, caller.actor, caller.context);
    response.setHeader('Location', `/vacancies/${vacancy.id}`);
    response.setHeader('ETag', entityTag(vacancy.version));
    return vacancy;
  }

  @Get('vacancies')
  @PartnerRead()
  list(
    @Query('open', new ZodValidationPipe(openFilter)) open: boolean | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.vacancies.list(actor, { open });
  }

  @Get('vacancies/:id')
  @PartnerRead()
  async get(
    @UuidParam('id') id: string,
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
  async update(
    @UuidParam('id') id: string,
    @ValidBody(updateVacancySchema) body: UpdateVacancyRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const vacancy = await this.vacancies.update(id, body, ifMatch, caller.actor, caller.context);
    response.setHeader('ETag', entityTag(vacancy.version));
    return vacancy;
  }

  /** The caller's open candidates ranked for this vacancy, each with its explanation. */
  @Get('vacancies/:id/matches')
  @Roles('employment-caseworker', 'national-supervisor', 'admin')
  matches(
    @UuidParam('id') id: string,
    @Query('limit', new ZodValidationPipe(listLimitSchema)) limit: number,
    @CurrentActor() actor: Actor,
  ) {
    return this.matching.candidatesFor(id, actor, limit);
  }
}
