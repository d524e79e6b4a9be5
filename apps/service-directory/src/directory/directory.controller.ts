import { Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody, ValidQuery } from '@reintegra/platform-http';
import { DIRECTORY_MANAGERS, DIRECTORY_READERS, organizationNotFound } from '../core/scope';
import {
  type CreateLocationRequest,
  createLocationSchema,
  type CreateOrganizationRequest,
  createOrganizationSchema,
  type CreateServiceRequest,
  createServiceSchema,
  organizationIdSchema,
  type ReportCapacityRequest,
  reportCapacitySchema,
  type ServiceFilter,
  serviceFilterSchema,
  type UpdateOrganizationRequest,
  updateOrganizationSchema,
  type UpdateServiceRequest,
  updateServiceSchema,
} from './directory.requests';
import { DirectoryService } from './directory.service';

/** Directory entries: read by office roles, managed by admin and the municipality's supervisor. */
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('organizations')
  @HttpCode(201)
  @Roles(...DIRECTORY_MANAGERS)
  createOrganization(
    @ValidBody(createOrganizationSchema) body: CreateOrganizationRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.directory.createOrganization(body, actor);
  }

  @Get('organizations')
  @Roles(...DIRECTORY_READERS)
  listOrganizations(@Query('municipalityCode') municipalityCode?: string) {
    return this.directory.listOrganizations(municipalityCode);
  }

  @Patch('organizations/:id')
  @Roles(...DIRECTORY_MANAGERS)
  updateOrganization(
    @Param('id') id: string,
    @ValidBody(updateOrganizationSchema) body: UpdateOrganizationRequest,
    @CurrentActor() actor: Actor,
  ) {
    if (!organizationIdSchema.safeParse(id).success) throw organizationNotFound();
    return this.directory.updateOrganization(id, body, actor);
  }

  @Get('organizations/:id/locations')
  @Roles(...DIRECTORY_READERS)
  listLocations(@Param('id') id: string) {
    if (!organizationIdSchema.safeParse(id).success) throw organizationNotFound();
    return this.directory.listLocations(id);
  }

  @Post('locations')
  @HttpCode(201)
  @Roles(...DIRECTORY_MANAGERS)
  createLocation(
    @ValidBody(createLocationSchema) body: CreateLocationRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.directory.createLocation(body, actor);
  }

  @Post('services')
  @HttpCode(201)
  @Roles(...DIRECTORY_MANAGERS)
  createService(
    @ValidBody(createServiceSchema) body: CreateServiceRequest,
    @Caller() caller: Caller,
  ) {
    return this.directory.createService(body, caller.actor, caller.context);
  }

  @Get('services')
  @Roles(...DIRECTORY_READERS)
  listServices(@ValidQuery(serviceFilterSchema) filter: ServiceFilter) {
    return this.directory.listServices(filter);
  }

  @Get('services/:id')
  @Roles(...DIRECTORY_READERS)
  getService(@UuidParam('id') id: string) {
    return this.directory.getService(id);
  }

  @Patch('services/:id')
  @Roles(...DIRECTORY_MANAGERS)
  updateService(
    @UuidParam('id') id: string,
    @ValidBody(updateServiceSchema) body: UpdateServiceRequest,
    @Caller() caller: Caller,
  ) {
    return this.directory.updateService(id, body, caller.actor, caller.context);
  }

  @Put('services/:id/capacity')
  @Roles(...DIRECTORY_MANAGERS)
  reportCapacity(
    @UuidParam('id') id: string,
    @ValidBody(reportCapacitySchema) body: ReportCapacityRequest,
    @Caller() caller: Caller,
  ) {
    return this.directory.reportCapacity(id, body, caller.actor, caller.context);
  }
}
