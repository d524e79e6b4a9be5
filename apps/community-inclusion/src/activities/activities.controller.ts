import { Controller, Get, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { activityKindSchema } from '@reintegra/event-contracts';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { Caller, UuidParam, ValidBody, ValidQuery } from '@reintegra/platform-http';
import { FacilitatorOnly, FacilitatorWrite, OfficeRead } from '../core/routes';
import {
  type CreateActivityRequest,
  createActivitySchema,
  type UpdateActivityRequest,
  updateActivitySchema,
} from './activities.requests';
import { ActivitiesService } from './activities.service';

const listQuerySchema = z.object({
  kind: activityKindSchema.optional(),
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

/** Activities: run by the municipality's community facilitators; supervisors read them. */
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post()
  @FacilitatorWrite(201)
  create(@ValidBody(createActivitySchema) body: CreateActivityRequest, @Caller() caller: Caller) {
    return this.activities.create(body, caller.actor, caller.context);
  }

  @Get()
  @OfficeRead()
  list(
    @ValidQuery(listQuerySchema) query: z.output<typeof listQuerySchema>,
    @CurrentActor() actor: Actor,
  ) {
    return this.activities.list(actor, query);
  }

  @Get(':id')
  @OfficeRead()
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.activities.get(id, actor);
  }

  @Patch(':id')
  @FacilitatorOnly()
  update(
    @UuidParam('id') id: string,
    @ValidBody(updateActivitySchema) body: UpdateActivityRequest,
    @Caller() caller: Caller,
  ) {
    return this.activities.update(id, body, caller.actor, caller.context);
  }
}
