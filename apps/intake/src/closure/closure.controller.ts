import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  correlationIdOf,
  entityTag,
  ZodValidationPipe,
  ApiJsonBody,
} from '@reintegra/platform-http';
import { CaseClosureService } from './case-closure.service';
import { closureRequestSchema, type ClosureRequest } from './closure.requests';

const caseId = () => new ParseUUIDPipe({ version: '4' });

/** Closing a case: the officer proposes, a supervisor of the municipality decides (audited). */
@Controller('cases/:caseId')
export class ClosureController {
  constructor(private readonly closure: CaseClosureService) {}

  @Post('closure-proposal')
  @HttpCode(201)
  @Roles('intake-officer')
  @ApiJsonBody(closureRequestSchema)
  propose(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Body(new ZodValidationPipe(closureRequestSchema)) body: ClosureRequest,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    return this.closure.propose(id, body.reason, actor, correlationIdOf(correlationId));
  }

  @Post('closure')
  @HttpCode(200)
  @Roles('supervisor', 'national-supervisor')
  @ApiJsonBody(closureRequestSchema)
  async close(
    @CurrentActor() actor: Actor,
    @Param('caseId', caseId()) id: string,
    @Body(new ZodValidationPipe(closureRequestSchema)) body: ClosureRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('x-correlation-id') correlationId?: string,
  ) {
    const closed = await this.closure.closeBySupervisor(
      id,
      body.reason,
      actor,
      correlationIdOf(correlationId),
    );
    response.setHeader('ETag', entityTag(closed.version));
    return closed;
  }
}
