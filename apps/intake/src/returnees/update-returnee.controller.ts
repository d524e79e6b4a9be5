import { Controller, Headers, Patch, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  entityTag,
  UuidParam,
  ValidBody,
} from '@reintegra/platform-http';
import {
  returneeRecordSchema,
  type UpdateReturneeRequest,
  updateReturneeRequestSchema,
} from './update-returnee.requests';
import { UpdateReturneeService } from './update-returnee.service';

@Controller('returnees')
export class UpdateReturneeController {
  constructor(private readonly corrections: UpdateReturneeService) {}

  /** Corrects names, gender or contact; If-Match with the ETag read is required. */
  @Patch(':id')
  @Roles('intake-officer', 'national-supervisor')
  @ApiJsonResponse(200, returneeRecordSchema, {
    description: 'The corrected record',
    headers: ['ETag'],
  })
  @ApiProblems({
    404: 'No returnee with that id',
    412: 'Changed since it was read (`currentETag`)',
    428: 'If-Match missing',
  })
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ValidBody(updateReturneeRequestSchema) body: UpdateReturneeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const record = await this.corrections.update(id, body, ifMatch, actor);
    response.setHeader('ETag', entityTag(record.version));
    return record;
  }
}
