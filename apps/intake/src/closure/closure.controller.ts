import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { CorrelationId, entityTag, UuidParam, ValidBody } from '@reintegra/platform-http';
import { CaseClosureService } from './case-closure.service';
import { closureRequestSchema, type ClosureRequest } from './closure.requests';

/** Closing a case: the officer proposes, a supervisor of the municipality decides (audited). */
@Controller('cases/:caseId')
export class ClosureController {
  constructor(private readonly closure: CaseClosureService) {}

  @Post('closure-proposal')
  @HttpCode(201)
  @Roles('intake-officer')
  propose(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(closureRequestSchema) body: ClosureRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.closure.propose(id, body.reason, actor, correlationId);
  }

  @Post('closure')
  @HttpCode(200)
  @Roles('supervisor', 'national-supervisor')
  async close(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @ValidBody(closureRequestSchema) body: ClosureRequest,
    @Res({ passthrough: true }) response: Response,
    @CorrelationId() correlationId: string,
  ) {
    const closed = await this.closure.closeBySupervisor(id, body.reason, actor, correlationId);
    response.setHeader('ETag', entityTag(closed.version));
    return closed;
  }
}
