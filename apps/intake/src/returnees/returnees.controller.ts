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
import {
  type Actor,
  actorReference,
  canActInMunicipality,
  CurrentActor,
  Roles,
} from '@reintegra/platform-auth';
import { ForbiddenError } from '@reintegra/platform-errors';
import {
  ApiJsonBody,
  ApiJsonResponse,
  ApiProblems,
  correlationIdOf,
  ZodValidationPipe,
} from '@reintegra/platform-http';
import { PathQueryService } from '../reintegration-path/path-query.service';
import {
  registerReturneeRequestSchema,
  type RegisterReturneeRequest,
} from './register-returnee.request';
import { RegisterReturneeService } from './register-returnee.service';
import { registrationResponseSchema } from './returnee.responses';

const outsideMunicipality = () =>
  new ForbiddenError('auth.outside-municipality', {
    es: 'La persona no reside en su municipio.',
    en: 'The person does not live in your municipality.',
  });

@Controller('returnees')
export class ReturneesController {
  constructor(
    private readonly registration: RegisterReturneeService,
    private readonly paths: PathQueryService,
  ) {}

  /** Registers a returnee and opens the case; its reintegration path starts right after. */
  @Post()
  @HttpCode(201)
  @Roles('intake-officer', 'national-supervisor')
  @ApiJsonBody(registerReturneeRequestSchema)
  @ApiJsonResponse(201, registrationResponseSchema, {
    description: 'Registered; the case is open',
    headers: ['Location'],
  })
  @ApiProblems({
    409: 'Same DUI already registered (`existing`), or possible duplicates by name and birth date (`candidates`)',
  })
  async register(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(registerReturneeRequestSchema)) body: RegisterReturneeRequest,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!canActInMunicipality(actor, body.municipalityCode)) throw outsideMunicipality();
    const registered = await this.registration.register(body, {
      actor: actorReference(actor),
      correlationId: correlationIdOf(correlationId),
    });
    const self = `/returnees/${registered.returneeId}`;
    response.setHeader('Location', self);
    return { ...registered, links: { self, path: `${self}/path` } };
  }

  /** The current reintegration path of the returnee's latest case, from the workflow. */
  @Get(':id/path')
  @Roles('intake-officer', 'supervisor', 'national-supervisor')
  @ApiJsonResponse(200, 'Phase, referrals and follow-ups of the latest case')
  @ApiProblems({ 404: 'No returnee with that id' })
  async path(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ) {
    const path = await this.paths.currentPath(id);
    if (!canActInMunicipality(actor, path.path.municipalityCode)) throw outsideMunicipality();
    return path;
  }
}
