import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { CorrelationId, UuidParam, ValidBody } from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { recordAssessmentSchema, type RecordAssessmentRequest } from './assessment.requests';
import { AssessmentsService } from './assessments.service';

/** Needs assessments and sustainability scores of a case, by the office of its municipality. */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post('assessments')
  @HttpCode(201)
  @Roles('intake-officer')
  record(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @ValidBody(recordAssessmentSchema) body: RecordAssessmentRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.assessments.record(caseId, body, actor, correlationId);
  }

  @Get('assessments')
  @AuditedRead({ action: 'case-assessments.read' })
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.assessments.list(caseId, actor);
  }

  @Get('assessments/:assessmentId')
  @AuditedRead({
    action: 'case-assessment.read',
    subjects: (_answer, params) => [
      { caseId: params['caseId'] as string, relatedId: params['assessmentId'] as string },
    ],
  })
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('assessmentId') assessmentId: string,
  ) {
    return this.assessments.get(caseId, assessmentId, actor);
  }

  @Get('scores')
  @AuditedRead({ action: 'case-scores.read' })
  scores(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.assessments.scoresOf(caseId, actor);
  }
}
