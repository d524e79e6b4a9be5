import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, entityTag, ZodValidationPipe } from '@reintegra/platform-http';
import { MatchingService } from '../matching/matching.service';
import { listLimitSchema } from '../requests/common';
import {
  type CandidateProfileRequest,
  candidateProfileSchema,
  type RecognitionDecision,
  recognitionDecisionSchema,
  type RecognitionRequest,
  recognitionRequestSchema,
} from './candidate-requests';
import { CandidatesService } from './candidates.service';

const uuid = new ParseUUIDPipe();

/** Candidates referred to the employment service, their skills profiles and matches. */
@Controller()
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly matching: MatchingService,
  ) {}

  @Get('candidates')
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  list(@CurrentActor() actor: Actor) {
    return this.candidates.list(actor);
  }

  @Get('candidates/:caseId')
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  async get(
    @Param('caseId', uuid) caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const candidate = await this.candidates.get(caseId, actor);
    response.setHeader('ETag', entityTag(candidate.version));
    return candidate;
  }

  /** Records the skills profile; If-Match with the ETag of GET /candidates/:caseId. */
  @Put('candidates/:caseId/profile')
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(candidateProfileSchema)
  async putProfile(
    @Param('caseId', uuid) caseId: string,
    @Body(new ZodValidationPipe(candidateProfileSchema)) body: CandidateProfileRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const candidate = await this.candidates.putProfile(caseId, body, ifMatch, actor);
    response.setHeader('ETag', entityTag(candidate.version));
    return candidate;
  }

  /** Open vacancies ranked for this person, each with its explanation. */
  @Get('candidates/:caseId/matches')
  @Roles('employment-caseworker', 'supervisor', 'national-supervisor', 'admin')
  matches(
    @Param('caseId', uuid) caseId: string,
    @Query('limit', new ZodValidationPipe(listLimitSchema)) limit: number,
    @CurrentActor() actor: Actor,
  ) {
    return this.matching.vacanciesFor(caseId, actor, limit);
  }

  @Post('candidates/:caseId/recognitions')
  @HttpCode(201)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(recognitionRequestSchema)
  requestRecognition(
    @Param('caseId', uuid) caseId: string,
    @Body(new ZodValidationPipe(recognitionRequestSchema)) body: RecognitionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.candidates.requestRecognition(caseId, body, actor);
  }

  @Post('recognitions/:id/assessment')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  assess(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.candidates.assessRecognition(id, actor);
  }

  @Post('recognitions/:id/decision')
  @HttpCode(200)
  @Roles('employment-caseworker', 'admin')
  @ApiJsonBody(recognitionDecisionSchema)
  decide(
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(recognitionDecisionSchema)) body: RecognitionDecision,
    @CurrentActor() actor: Actor,
  ) {
    return this.candidates.decideRecognition(id, body, actor);
  }
}
