import { Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseworkerOnly, CaseworkerWrite, OfficeRead } from '../core/routes';
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
  @CaseworkerWrite(201)
  createProvider(
    @ValidBody(createProviderSchema) body: CreateProviderRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.catalogue.createProvider(body, actor);
  }

  @Post('programmes')
  @CaseworkerWrite(201)
  createProgramme(
    @ValidBody(createProgrammeSchema) body: CreateProgrammeRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.catalogue.createProgramme(body, actor);
  }

  @Get('programmes')
  @OfficeRead()
  listProgrammes(@CurrentActor() actor: Actor, @Query('providerId') providerId?: string) {
    return this.catalogue.listProgrammes(actor, providerId);
  }

  @Post('cohorts')
  @CaseworkerWrite(201)
  createCohort(@ValidBody(createCohortSchema) body: CreateCohortRequest, @Caller() caller: Caller) {
    return this.catalogue.createCohort(body, caller.actor, caller.context);
  }

  @Patch('cohorts/:id')
  @CaseworkerOnly()
  updateCohort(
    @UuidParam('id') id: string,
    @ValidBody(updateCohortSchema) body: UpdateCohortRequest,
    @Caller() caller: Caller,
  ) {
    return this.catalogue.updateCohort(id, body, caller.actor, caller.context);
  }

  @Get('cohorts')
  @OfficeRead()
  listCohorts(@CurrentActor() actor: Actor) {
    return this.catalogue.listCohorts(actor);
  }

  @Get('cohorts/:id')
  @OfficeRead()
  getCohort(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.catalogue.getCohort(id, actor);
  }
}
