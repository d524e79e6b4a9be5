import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ZodValidationPipe } from '@reintegra/platform-http';
import { PathQueryService } from '../reintegration-path/path-query.service';
import {
  registerReturneeRequestSchema,
  type RegisterReturneeRequest,
} from './register-returnee.request';
import { RegisterReturneeService } from './register-returnee.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Controller('returnees')
export class ReturneesController {
  constructor(
    private readonly registration: RegisterReturneeService,
    private readonly paths: PathQueryService,
  ) {}

  /** Registers a returnee and opens the case; its reintegration path starts right after. */
  @Post()
  @HttpCode(201)
  async register(
    @Body(new ZodValidationPipe(registerReturneeRequestSchema)) body: RegisterReturneeRequest,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Authentication arrives with the case-management work; until then the API acts as itself.
    const registered = await this.registration.register(body, {
      actor: 'system:intake-api',
      correlationId: correlationId && UUID.test(correlationId) ? correlationId : randomUUID(),
    });
    const self = `/returnees/${registered.returneeId}`;
    response.setHeader('Location', self);
    return { ...registered, links: { self, path: `${self}/path` } };
  }

  /** The current reintegration path of the returnee's latest case, from the workflow. */
  @Get(':id/path')
  path(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {
    return this.paths.currentPath(id);
  }
}
