import { Module } from '@nestjs/common';
import { PathQueryService } from './path-query.service';

/** What the reintegration path workflow says about a case (queried from Temporal). */
@Module({
  providers: [PathQueryService],
  exports: [PathQueryService],
})
export class ReintegrationPathModule {}
