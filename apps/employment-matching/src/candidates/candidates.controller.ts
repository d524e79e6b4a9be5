import { Controller, Get, Headers, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import { entityTag, UuidParam, ValidBody, ZodValidationPipe } from '@reintegra/platform-http';
import { CaseworkerOnly, CaseworkerWrite, OfficeRead } from '../core/routes';
import { MatchingService } from '../matching/matching.service';
import { listLimitSchema } from '../core/common.requests';
import {
  type CandidateProfileRequest,
  candidateProfileSchema,
  type RecognitionDecision,
  recognitionDecisionSchema,
  type RecognitionRequest,
  recognitionRequestSchema,
} from './candidates.requests';
import { CandidatesService } from './candidates.service';

/** Candidates referred to the employment service, their skills profiles and matches. */
@Controller()
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly matching: MatchingService,
  ) {}

  @Get('candidates')
  @OfficeRead()
  list(@CurrentActor() actor: Actor) {
    return this.candidates.list(actor);
  }

  @Get('candidates/:caseId')
  @OfficeRead()
  async get(
    @UuidParam('caseId') caseId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const candidate = await this.candidates.get(caseId, actor);
    response.setHeader('ETag', entityTag(candidate.version));
    return candidate;
  }

  /** Records the skills profile; If-Match with the ETag of GET /candidates/:caseId. */
  @Put('candidates/:caseId/profile')
  @CaseworkerOnly()
  async putProfile(
    @UuidParam('caseId') caseId: string,
    @ValidBody(candidateProfileSchema) body: CandidateProfileRequest,
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
  @OfficeRead()
  matches(
    @UuidParam('caseId') caseId: string,
    @Query('limit', new ZodValidationPipe(listLimitSchema)) limit: number,
    @CurrentActor() actor: Actor,
  ) {
    return this.matching.vacanciesFor(caseId, actor, limit);
  }

  @Post('candidates/:caseId/recognitions')
  @CaseworkerWrite(201)
  requestRecognition(
    @UuidParam('caseId') caseId: string,
    @ValidBody(recognitionRequestSchema) body: RecognitionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.candidates.requestRecognition(caseId, body, actor);
  }

  @Post('recognitions/:id/assessment')
  @CaseworkerWrite(200)
  assess(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.candidates.assessRecognition(id, actor);
  }

  @Post('recognitions/:id/decision')
  @CaseworkerWrite(200)
  decide(
    @UuidParam('id') id: string,
    @ValidBody(recognitionDecisionSchema) body: RecognitionDecision,
    @CurrentActor() actor: Actor,
  ) {
    return this.candidates.decideRecognition(id, body, actor);
  }
}
