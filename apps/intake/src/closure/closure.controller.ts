import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '@reintegra/platform-auth';
import { Caller, entityTag, UuidParam, ValidBody } from '@reintegra/platform-http';
import { SupervisorDecision } from '../core/case-routes';
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
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(closureRequestSchema) body: ClosureRequest,
  ) {
    return this.closure.propose(id, body.reason, actor, context.correlationId);
  }

  @Post('closure')
  @SupervisorDecision()
  async close(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') id: string,
    @ValidBody(closureRequestSchema) body: ClosureRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { correlationId } = context;
    const closed = await this.closure.closeBySupervisor(id, body.reason, actor, correlationId);
    response.setHeader('ETag', entityTag(closed.version));
    return closed;
  }
}
