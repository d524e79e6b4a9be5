import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { PathQueryService } from './path-query.service';

/** What the reintegration path workflow says about a case (queried from Temporal). */
@Module({
  imports: [CoreModule],
  providers: [PathQueryService],
  exports: [PathQueryService],
})
export class ReintegrationPathModule {}
