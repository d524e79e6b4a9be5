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
} from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { correlationIdFrom } from '../access/correlation';
import { EnrolmentService } from '../enrolment/enrolment.service';
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

const uuid = new ParseUUIDPipe({ version: '4' });

/** Catalogue: managed by the provider's own education caseworkers (and admins). */
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('providers')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(createProviderSchema)
  createProvider(
    @Body(new ZodValidationPipe(createProviderSchema)) body: CreateProviderRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.catalogue.createProvider(body, actor);
  }

  @Post('programmes')
  @HttpCode(201)
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(createProgrammeSchema)
  createProgramme(
    @Body(new ZodValidationPipe(createProgrammeSchema)) body: CreateProgrammeRequest,
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
  @ApiJsonBody(createCohortSchema)
  createCohort(
    @Body(new ZodValidationPipe(createCohortSchema)) body: CreateCohortRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.catalogue.createCohort(
      body,
      actor,
      EnrolmentService.contextOf(actor, correlationIdFrom(correlationId)),
    );
  }

  @Patch('cohorts/:id')
  @Roles('education-caseworker', 'admin')
  @ApiJsonBody(updateCohortSchema)
  updateCohort(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(updateCohortSchema)) body: UpdateCohortRequest,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlationId: string | undefined,
  ) {
    return this.catalogue.updateCohort(
      id,
      body,
      actor,
      EnrolmentService.contextOf(actor, correlationIdFrom(correlationId)),
    );
  }

  @Get('cohorts')
  @Roles('education-caseworker', 'supervisor', 'national-supervisor', 'admin')
  listCohorts(@CurrentActor() actor: Actor) {
    return this.catalogue.listCohorts(actor);
  }

  @Get('cohorts/:id')
  @Roles('education-caseworker', 'supervisor', 'national-supervisor', 'admin')
  getCohort(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.catalogue.getCohort(id, actor);
  }
}
