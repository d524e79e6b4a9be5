import { Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import {
  type CreateCohortRequest,
  createCohortSchema,
  type CreateProgrammeRequest,
  createProgrammeSchema,
  type CreateProviderRequest,
  createProviderSchema,
  type UpdateCohortRequest,
  updateCohortSchema,
} from './catalogue.requests';
import { CatalogueService } from './catalogue.service';

/** Catalogue: managed by the provider's own education caseworkers (and admins). */
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('providers')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  createProvider(
    @ValidBody(createProviderSchema) body: CreateProviderRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.catalogue.createProvider(body, actor);
  }

  @Post('programmes')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  createProgramme(
    @ValidBody(createProgrammeSchema) body: CreateProgrammeRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.catalogue.createProgramme(body, actor);
  }

  @Get('programmes')
  @Roles('education-caseworker', 'supervisor', 'national-supervisor', 'admin')
  listProgrammes(@CurrentActor() actor: Actor, @Query('providerId') providerId?: string) {
    return this.catalogue.listProgrammes(actor, providerId);
  }

  @Post('cohorts')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  createCohort(@ValidBody(createCohortSchema) body: CreateCohortRequest, @Caller() caller: Caller) {
    return this.catalogue.createCohort(body, caller.actor, caller.context);
  }

  @Patch('cohorts/:id')
  @Roles('education-caseworker', 'admin')
  updateCohort(
    @UuidParam('id') id: string,
    @ValidBody(updateCohortSchema) body: UpdateCohortRequest,
    @Caller() caller: Caller,
  ) {
    return this.catalogue.updateCohort(id, body, caller.actor, caller.context);
  }

  @Get('cohorts')
  @Roles('education-caseworker', 'supervisor', 'national-supervisor', 'admin')
  listCohorts(@CurrentActor() actor: Actor) {
    return this.catalogue.listCohorts(actor);
  }

  @Get('cohorts/:id')
  @Roles('education-caseworker', 'supervisor', 'national-supervisor', 'admin')
  getCohort(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.catalogue.getCohort(id, actor);
  }
}
