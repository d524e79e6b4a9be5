import { Module } from '@nestjs/common';
import { ClosureModule } from '../closure/closure.module';
import { CoreModule } from '../core/core.module';
import { ReintegrationPathModule } from '../reintegration-path/reintegration-path.module';
import { RegisterReturneeService } from './register-returnee.service';
import { ReturnEpisodesService } from './return-episodes.service';
import { ReturneeMergeService } from './returnee-merge.service';
import { ReturneeViewService } from './returnee-view.service';
import { ReturneesController } from './returnees.controller';
import { UpdateReturneeController } from './update-returnee.controller';
import { UpdateReturneeService } from './update-returnee.service';

/** Returnees and their return episodes: registration, new returns, merges, corrections. */
@Module({
  imports: [CoreModule, ClosureModule, ReintegrationPathModule],
  controllers: [ReturneesController, UpdateReturneeController],
  providers: [
    RegisterReturneeService,
    ReturnEpisodesService,
    ReturneeMergeService,
    ReturneeViewService,
    UpdateReturneeService,
  ],
})
export class ReturneesModule {}
