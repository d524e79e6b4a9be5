import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { correlationIdOf, ZodValidationPipe, ApiJsonBody } from '@reintegra/platform-http';
import { recordAssessmentSchema, type RecordAssessmentRequest } from './assessment.requests';
import { AssessmentsService } from './assessments.service';

const uuid = () => new ParseUUIDPipe({ version: '4' });

/** Needs assessments and sustainability scores of a case, by the office of its municipality. */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post('assessments')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonBody(recordAssessmentSchema)
  record(
    @CurrentActor() actor: Actor,
    @Param('caseId', uuid()) caseId: string,
    @Body(new ZodValidationPipe(recordAssessmentSchema)) body: RecordAssessmentRequest,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.assessments.record(caseId, body, actor, correlationIdOf(correlationId));
  }

  @Get('assessments')
  list(@CurrentActor() actor: Actor, @Param('caseId', uuid()) caseId: string) {
    return this.assessments.list(caseId, actor);
  }

  @Get('assessments/:assessmentId')
  get(
    @CurrentActor() actor: Actor,
    @Param('caseId', uuid()) caseId: string,
    @Param('assessmentId', uuid()) assessmentId: string,
  ) {
    return this.assessments.get(caseId, assessmentId, actor);
  }

  @Get('scores')
  scores(@CurrentActor() actor: Actor, @Param('caseId', uuid()) caseId: string) {
    return this.assessments.scoresOf(caseId, actor);
  }
}
