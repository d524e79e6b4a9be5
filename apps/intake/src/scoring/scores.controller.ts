import { Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { type Actor, actorReference, CurrentActor, Roles } from '@reintegra/platform-auth';
import { CorrelationId, ValidBody } from '@reintegra/platform-http';
import { RescoreService } from './rescore.service';

const rescoreRequestSchema = z
  .object({ scoringVersion: z.string().min(1).max(40), caseId: z.uuid().optional() })
  .strict();

/** Re-scoring stored answers under another scoring version (national roles only). */
@Controller('scores')
export class ScoresController {
  constructor(private readonly rescoring: RescoreService) {}

  @Post('rescore')
  @HttpCode(200)
  @Roles('admin', 'national-supervisor')
  rescore(
    @CurrentActor() actor: Actor,
    @ValidBody(rescoreRequestSchema) body: z.infer<typeof rescoreRequestSchema>,
    @CorrelationId() correlationId: string,
  ) {
    return this.rescoring.rescore(body, {
      actor: actorReference(actor),
      correlationId: correlationId,
    });
  }
}
