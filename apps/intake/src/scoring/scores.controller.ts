import { Controller, HttpCode, Post } from '@nestjs/common';
import { type Actor, actorReference, CurrentActor, Roles } from '@reintegra/platform-auth';
import { CorrelationId, ValidBody } from '@reintegra/platform-http';
import { type RescoreRequest, rescoreRequestSchema } from './rescore.requests';
import { RescoreService } from './rescore.service';

/** Re-scoring stored answers under another scoring version (national roles only). */
@Controller('scores')
export class ScoresController {
  constructor(private readonly rescoring: RescoreService) {}

  @Post('rescore')
  @HttpCode(200)
  @Roles('admin', 'national-supervisor')
  rescore(
    @CurrentActor() actor: Actor,
    @ValidBody(rescoreRequestSchema) body: RescoreRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.rescoring.rescore(body, {
      actor: actorReference(actor),
      correlationId,
    });
  }
}
