import { Controller, Get, Param, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody, ValidQuery } from '@reintegra/platform-http';
import { FacilitatorWrite } from '../core/routes';
import {
  type OutcomesQuery,
  outcomesQuerySchema,
  type SurveyResponseRequest,
  surveyResponseSchema,
} from './outcomes.requests';
import { OutcomesService } from './outcomes.service';

const READERS = ['community-facilitator', 'supervisor', 'national-supervisor', 'admin'] as const;

/** Pulse surveys (facilitators record answers) and their suppressed aggregates. */
@Controller()
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get('surveys')
  @Roles(...READERS)
  versions() {
    return this.outcomes.versions();
  }

  @Get('surveys/:version')
  @Roles(...READERS)
  survey(@Param('version') version: string) {
    return this.outcomes.survey(version);
  }

  @Post('activities/:id/survey-responses')
  @FacilitatorWrite(201)
  respond(
    @UuidParam('id') activityId: string,
    @ValidBody(surveyResponseSchema) body: SurveyResponseRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.outcomes.respond(activityId, body, actor);
  }

  @Get('outcomes')
  @Roles(...READERS)
  aggregates(@ValidQuery(outcomesQuerySchema) query: OutcomesQuery, @CurrentActor() actor: Actor) {
    return this.outcomes.aggregates(query, actor);
  }
}
